using DelegationWidgets.Sdk.Tests.Fixtures;

namespace DelegationWidgets.Sdk.Tests;

[Collection(RealHost.Name)]
public sealed class DelegationClientFormsTests(HostFixture host)
{
    [Fact]
    public async Task GetFormsAsync_Agent_ListsEveryStandardForm()
    {
        var forms = await host.Client("agent").GetFormsAsync();

        Assert.Contains(forms, f => f.Id == "unlock-account" && f.Version == 1 && f.Title == "Unlock account" && f.Category == "Accounts");
        Assert.Contains(forms, f => f.Id == "reset-password");
    }

    [Fact]
    public async Task GetFormsAsync_KeyUser_ListsOnlyGrantedForms()
    {
        var forms = await host.Client("keyuser").GetFormsAsync();

        Assert.Equal(["reset-password", "unlock-account"], forms.Select(f => f.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetFormsAsync_Employee_ReturnsEmpty()
    {
        Assert.Empty(await host.Client("employee").GetFormsAsync());
    }

    [Fact]
    public async Task GetFormsAsync_NoToken_ThrowsUnauthenticated()
    {
        var e = await Assert.ThrowsAsync<DelegationApiException>(() => host.Anonymous().GetFormsAsync());

        Assert.Equal(401, e.Status);
        Assert.Equal("DW1001", e.ErrorId);
    }

    [Fact]
    public async Task GetFormAsync_CascadingForm_ReturnsSchemaLookupsAndRequirements()
    {
        var form = await host.Client("agent").GetFormAsync("remove-group-member");

        Assert.Equal("remove-group-member", form.Id);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, form.Schema.ValueKind);
        Assert.True(form.Schema.GetProperty("properties").TryGetProperty("group", out _));
        Assert.Equal("directory.users", form.Lookups["user"].Source);
        Assert.Equal(["user"], form.Lookups["group"].DependsOn);
        Assert.True(form.Requires.Reason);
        Assert.False(form.Requires.Ticket);
    }

    [Fact]
    public async Task GetFormAsync_UnknownForm_ThrowsNotFound()
    {
        var e = await Assert.ThrowsAsync<DelegationApiException>(() => host.Client("agent").GetFormAsync("no-such-form"));

        Assert.Equal(404, e.Status);
        Assert.Equal("DW1002", e.ErrorId);
        Assert.Contains("no-such-form", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetFormAsync_FormNotGranted_ThrowsForbidden()
    {
        var e = await Assert.ThrowsAsync<DelegationApiException>(() => host.Client("employee").GetFormAsync("unlock-account"));

        Assert.Equal(403, e.Status);
        Assert.Equal("DW1003", e.ErrorId);
        Assert.Empty(e.Errors);
    }
}
