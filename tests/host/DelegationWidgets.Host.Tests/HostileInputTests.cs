using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Tests;

/// <summary>
/// Input an attacker (or a broken integration) sends: invalid UTF-8, nesting deeper than any form, huge strings and
/// arrays, a pattern that backtracks catastrophically, a schema nested to the bottom of the stack. Each gets a clear
/// problem response (never a 500), changes nothing, and the host keeps answering.
/// </summary>
public sealed class HostileInputTests(AdminHostFixture fixture) : IClassFixture<AdminHostFixture>
{
    private static async Task<ApiResponse> PostBytesAsync(HttpClient client, string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return await Api.ReadAsync(await client.PostAsync(new Uri(path, UriKind.Relative), content));
    }

    [Fact]
    public async Task Submit_InvalidUtf8_Returns400Problem()
    {
        using var agent = await fixture.Host.ClientAsync("agent");
        var body = Encoding.UTF8.GetBytes("{\"data\":{\"user\":\"emma.employee\"},\"reason\":\"x").Concat(new byte[] { 0xC3, 0x28, 0xFF }).Concat(Encoding.UTF8.GetBytes("\"}")).ToArray();

        var response = await PostBytesAsync(agent, "api/v1/forms/unlock-account/submissions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("DW1006", response.ErrorId);
    }

    [Fact]
    public async Task Submit_NestedDeeperThanAnyForm_Returns400Problem()
    {
        using var agent = await fixture.Host.ClientAsync("agent");
        var deep = new string('[', 5000) + new string(']', 5000);

        var response = await agent.PostRawAsync("api/v1/forms/unlock-account/submissions", $$"""{"data":{"user":{{deep}}},"reason":"x"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.True(response.ErrorId is "DW1006" or "DW1005", response.ToString());
    }

    [Fact]
    public async Task Submit_HugeStringAndArray_AreRefusedAsValidationErrors()
    {
        using var agent = await fixture.Host.ClientAsync("agent");

        var longUser = await agent.SubmitAsync("unlock-account", new { data = new { user = new string('a', 500_000) }, reason = "x" });
        var manyItems = await agent.PostRawAsync("api/v1/forms/unlock-account/submissions", $$"""{"data":{"user":[{{string.Join(',', Enumerable.Repeat("1", 100_000))}}]},"reason":"x"}""");

        Assert.Equal(HttpStatusCode.BadRequest, longUser.Status);
        Assert.NotEmpty(longUser.FieldErrors("/data/user"));
        Assert.Equal(HttpStatusCode.BadRequest, manyItems.Status);
        Assert.NotEmpty(manyItems.FieldErrors("/data/user"));
    }

    [Fact]
    public async Task CatastrophicPattern_IsDecidedQuickly_AndTheHostStaysResponsive()
    {
        using var admin = await fixture.Host.ClientAsync("admin");
        var form = StandardForm("update-contact-details");
        form["id"] = "evil-pattern";
        form["schema"]!["properties"]!["phone"]!["pattern"] = "^(a+)+$";
        var published = await admin.PostRawAsync("api/v1/admin/forms", form.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, published.Status);

        var clock = Stopwatch.StartNew();
        var submit = admin.SubmitAsync("evil-pattern", new { data = new { user = "emma.employee", phone = new string('a', 5000) + "!" }, reason = "x", dryRun = true });
        var health = await admin.GetJsonAsync("healthz");
        var response = await submit;

        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.NotEmpty(response.FieldErrors("/data/phone"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")]
    [InlineData("a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.!")]
    [InlineData("a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a!")] // the single-space groups of the pattern
    public async Task TicketThatBacktracksTheTicketPattern_IsRefusedAtOnce(string ticket)
    {
        using var admin = await fixture.Host.ClientAsync("admin");

        var clock = Stopwatch.StartNew();
        var response = await admin.SubmitAsync("unlock-account", new { data = new { user = "emma.employee" }, reason = "x", ticket });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.NotEmpty(response.FieldErrors("/ticket"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Publish_SchemaNestedThousandsDeep_Returns400NotACrash()
    {
        using var admin = await fixture.Host.ClientAsync("admin");
        var form = StandardForm("unlock-account");
        form["id"] = "deep-schema";
        var nested = new StringBuilder();
        for (var i = 0; i < 3000; i++)
        {
            nested.Append("{\"not\":");
        }

        nested.Append("{}").Append('}', 3000);
        var json = form.ToJsonString().Replace("\"minLength\":1", "\"minLength\":1,\"allOf\":[" + nested + "]", StringComparison.Ordinal);

        var response = await admin.PostRawAsync("api/v1/admin/forms", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetJsonAsync("healthz")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetJsonAsync("api/v1/forms/deep-schema")).Status);
    }

    private static JsonObject StandardForm(string id) =>
        JsonNode.Parse(File.ReadAllText(RepositoryPaths.StandardForm(id)))!.AsObject();
}
