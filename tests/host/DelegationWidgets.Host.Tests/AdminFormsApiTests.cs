using System.Net;
using System.Text.Json.Nodes;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Tests;

/// <summary>A host of its own: publishing changes the forms the other tests rely on.</summary>
public sealed class AdminHostFixture : IAsyncLifetime
{
    public HostProcess Host { get; } = new();

    public Task InitializeAsync() => Host.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class AdminFormsApiTests(AdminHostFixture fixture) : IClassFixture<AdminHostFixture>
{
    [Fact]
    public async Task Publish_NewVersion_IsServedKeptAuditedAndSurvivesRestart()
    {
        var admin = await fixture.Host.ClientAsync("admin");
        var definition = StandardForm("disable-account");
        definition["version"] = 2;
        definition["title"] = "Disable account (v2)";

        var published = await admin.PostRawAsync("api/v1/admin/forms", definition.ToJsonString());

        Assert.Equal(HttpStatusCode.Created, published.Status);
        Assert.Equal(2, published.Body.GetProperty("version").GetInt32());
        var agent = await fixture.Host.ClientAsync("agent");
        Assert.Equal("Disable account (v2)", (await agent.GetJsonAsync("api/v1/forms/disable-account")).Body.GetProperty("title").GetString());
        var stale = await agent.SubmitAsync("disable-account", new { data = new { user = "x" }, reason = "r", ticket = "INC1", formVersion = 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        var versions = await admin.GetJsonAsync("api/v1/admin/forms/disable-account/versions");
        Assert.Equal(["file", "admin"], versions.Body.EnumerateArray().Select(v => v.GetProperty("source").GetString()));
        var audit = await admin.GetJsonAsync("api/v1/audit?form=disable-account");
        Assert.Contains(audit.Body.GetProperty("items").EnumerateArray(), e => e.GetProperty("type").GetString() == "form.published" && e.GetProperty("formVersion").GetInt32() == 2);

        await fixture.Host.KillAsync();
        await fixture.Host.StartAsync();
        var afterRestart = await (await fixture.Host.ClientAsync("agent")).GetJsonAsync("api/v1/forms/disable-account");
        Assert.Equal(2, afterRestart.Body.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Publish_KeywordOutsideTheProfile_Returns400NamingKeywordAndPath()
    {
        var definition = StandardForm("unlock-account");
        definition["version"] = 9;
        definition["schema"]!["properties"]!["user"]!["patternProperties"] = new JsonObject();

        var response = await (await fixture.Host.ClientAsync("admin")).PostRawAsync("api/v1/admin/forms", definition.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var messages = response.FieldErrors("/schema/properties/user");
        Assert.Contains(messages, m => m.Contains("patternProperties", StringComparison.Ordinal));
        Assert.Equal(1, (await (await fixture.Host.ClientAsync("agent")).GetJsonAsync("api/v1/forms/unlock-account")).Body.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Publish_ExistingVersionWithOtherContent_Returns409()
    {
        var definition = StandardForm("grant-mailbox-access");
        definition["title"] = "Changed without a new version";

        var response = await (await fixture.Host.ClientAsync("admin")).PostRawAsync("api/v1/admin/forms", definition.ToJsonString());

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.NotEmpty(response.FieldErrors("/version"));
    }

    [Fact]
    public async Task Publish_NotAdmin_Returns403()
    {
        var definition = StandardForm("unlock-account");
        definition["version"] = 5;

        var response = await (await fixture.Host.ClientAsync("agent")).PostRawAsync("api/v1/admin/forms", definition.ToJsonString());

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("DW1013", response.ErrorId);
    }

    [Fact]
    public async Task Publish_TaskPointingAtNoField_Returns400OnTheTask()
    {
        var definition = StandardForm("unlock-account");
        definition["version"] = 3;
        definition["task"]!["parameters"]!["userId"] = "/nobody";

        var response = await (await fixture.Host.ClientAsync("admin")).PostRawAsync("api/v1/admin/forms", definition.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.NotEmpty(response.FieldErrors("/task/parameters/userId"));
    }

    [Fact]
    public async Task Submit_NestedSecretField_IsNeverStored()
    {
        var admin = await fixture.Host.ClientAsync("admin");
        var definition = StandardForm("grant-mailbox-access");
        definition["version"] = 2;
        definition["schema"]!["properties"]!["verification"] = JsonNode.Parse(
            """{"type":"object","properties":{"pin":{"type":"string","writeOnly":true},"method":{"type":"string"}}}""");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostRawAsync("api/v1/admin/forms", definition.ToJsonString())).Status);
        const string pin = "Nested-Secret-Pin-4711";
        var reader = new DirectoryReader(fixture.Host.DatabasePath);
        var user = (await reader.UsersAsync(SeedFacts.Sales))[3];

        var response = await admin.SubmitAsync("grant-mailbox-access",
            new { data = new { user, mailbox = SeedFacts.SalesMailbox, permission = "SendAs", verification = new { pin, method = "phone" } }, reason = "Cover" });

        Assert.Equal(HttpStatusCode.Created, response.Status);
        var stored = await reader.ScalarAsync("SELECT DataJson FROM changes WHERE Id = $id", ("$id", response.Body.GetProperty("id").GetString()!));
        Assert.Contains("phone", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(pin, stored, StringComparison.Ordinal);
    }

    private static JsonObject StandardForm(string id) =>
        JsonNode.Parse(File.ReadAllText(RepositoryPaths.StandardForm(id)))!.AsObject();
}
