using System.Net;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Tests;

[Collection(HostGroup.Name)]
public sealed class FormsApiTests(HostFixture fixture)
{
    [Theory]
    [InlineData("agent", "add-group-member,create-temporary-account,delete-account,disable-account,grant-mailbox-access,remove-group-member,reset-password,unlock-account,update-contact-details")]
    [InlineData("admin", "add-group-member,create-temporary-account,delete-account,disable-account,grant-mailbox-access,remove-group-member,reset-password,unlock-account,update-contact-details")]
    [InlineData("keyuser", "reset-password,unlock-account")]
    [InlineData("manager", "add-group-member,update-contact-details")]
    [InlineData("intern", "unlock-account")]
    [InlineData("employee", "")]
    public async Task ListForms_ForPersona_ReturnsOnlyGrantedForms(string persona, string expected)
    {
        var response = await (await fixture.As(persona)).GetJsonAsync("api/v1/forms");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var ids = response.Body.EnumerateArray().Select(f => f.GetProperty("id").GetString()).ToArray();
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), ids);
    }

    [Fact]
    public async Task GetForm_Granted_ReturnsSchemaUiSchemaLookupsAndRequirements()
    {
        var response = await (await fixture.As("agent")).GetJsonAsync("api/v1/forms/reset-password");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var form = response.Body;
        Assert.Equal(1, form.GetProperty("version").GetInt32());
        Assert.True(form.GetProperty("schema").GetProperty("properties").GetProperty("newPassword").GetProperty("writeOnly").GetBoolean());
        Assert.Equal("directory.users", form.GetProperty("lookups").GetProperty("user").GetProperty("source").GetString());
        Assert.True(form.GetProperty("requires").GetProperty("reason").GetBoolean());
        Assert.Equal("user", form.GetProperty("uiSchema").GetProperty("order")[0].GetString());
    }

    [Fact]
    public async Task GetForm_NotGranted_Returns403()
    {
        var response = await (await fixture.As("employee")).GetJsonAsync("api/v1/forms/reset-password");

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("DW1003", response.ErrorId);
    }

    [Fact]
    public async Task GetForm_Unknown_Returns404()
    {
        var response = await (await fixture.As("admin")).GetJsonAsync("api/v1/forms/format-c-drive");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("DW1002", response.ErrorId);
    }

    [Fact]
    public async Task OpenApi_Document_DescribesEveryEndpoint()
    {
        var response = await (await fixture.As(null)).GetJsonAsync("openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var paths = response.Body.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var path in new[]
        {
            "/api/v1/forms", "/api/v1/forms/{id}", "/api/v1/forms/{id}/lookups/{field}", "/api/v1/forms/{id}/submissions",
            "/api/v1/changes/{id}", "/api/v1/audit", "/api/v1/audit/export", "/api/v1/audit/verify", "/healthz", "/dev/token",
            "/api/v1/admin/forms", "/api/v1/admin/forms/{id}/versions",
        })
        {
            Assert.Contains(path, paths);
        }

        Assert.True(response.Body.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _));
        var submit = response.Body.GetProperty("paths").GetProperty("/api/v1/forms/{id}/submissions").GetProperty("post").GetProperty("responses");
        Assert.True(submit.TryGetProperty("403", out _));
        Assert.True(submit.TryGetProperty("409", out _));
        Assert.True(submit.TryGetProperty("401", out _));
    }

    [Fact]
    public async Task SwaggerUi_IsServed()
    {
        var response = await (await fixture.As(null)).GetJsonAsync("swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.Message.StatusCode);
    }

    [Fact]
    public async Task Health_ReportsOk()
    {
        var response = await (await fixture.As(null)).GetJsonAsync("healthz");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("ok", response.Body.GetProperty("status").GetString());
    }
}
