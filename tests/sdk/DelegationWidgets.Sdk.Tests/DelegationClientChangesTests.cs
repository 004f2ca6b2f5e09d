using System.Text.Json;
using DelegationWidgets.Sdk.Models;
using DelegationWidgets.Sdk.Tests.Fixtures;

namespace DelegationWidgets.Sdk.Tests;

[Collection(RealHost.Name)]
public sealed class DelegationClientChangesTests(HostFixture host)
{
    internal static SubmissionRequest Unlock(string user, string? ticket = null, string? reason = null) =>
        new(JsonSerializer.SerializeToElement(new { user }), reason, ticket);

    [Fact]
    public async Task SubmitAsync_UnlockInScope_ReturnsSucceededChangeThatGetChangeReads()
    {
        var user = await host.SalesUserAsync();
        var client = host.Client("agent");

        var change = await client.SubmitAsync("unlock-account", Unlock(user, "INC0000001", "Locked out after holiday"));
        var read = await client.GetChangeAsync(change.Id);

        Assert.Equal(ChangeStatus.Succeeded, change.Status);
        Assert.Equal(user, change.Target);
        Assert.Equal("anna.agent", change.Actor.Subject);
        Assert.Equal("INC0000001", change.Ticket);
        Assert.Null(change.Secret);
        Assert.Equal(change.Id, read.Id);
        Assert.Equal(change.Status, read.Status);
        Assert.Equal(change.Reason, read.Reason);
    }

    [Fact]
    public async Task DryRunAsync_UnlockInScope_ReturnsDiffAndRecordsNothing()
    {
        var user = await host.SalesUserAsync(1);
        var ticket = "DRY-" + Guid.NewGuid().ToString("N")[..8];

        var result = await host.Client("agent").DryRunAsync("unlock-account", Unlock(user, ticket));

        Assert.Equal("unlock-account", result.FormId);
        Assert.Equal(user, result.Target);
        Assert.True(result.Outcome is "Changed" or "NoChange", result.Outcome);
        Assert.Contains(result.Changes, d => d.ObjectId == user && d.Attribute == "locked");
        Assert.Empty((await host.Client("admin").GetAuditPageAsync(new AuditQuery(Ticket: ticket))).Items);
    }

    [Fact]
    public async Task SubmitAsync_ResetPasswordWithoutPassword_ReturnsGeneratedSecretOnce()
    {
        var user = await host.SalesUserAsync(2);
        var client = host.Client("agent");

        var change = await client.SubmitAsync("reset-password", new SubmissionRequest(JsonSerializer.SerializeToElement(new { user }), "Forgot the password"));
        var read = await client.GetChangeAsync(change.Id);

        Assert.Equal(ChangeStatus.Succeeded, change.Status);
        Assert.NotNull(change.Secret);
        Assert.Equal("newPassword", change.Secret.Field);
        Assert.True(change.Secret.Value.Length >= 12);
        Assert.DoesNotContain(change.Secret.Value, change.Secret.ToString(), StringComparison.Ordinal);
        Assert.Null(read.Secret);
    }

    [Fact]
    public async Task SubmitAsync_MissingRequiredField_ThrowsWithFieldPointer()
    {
        var e = await Assert.ThrowsAsync<DelegationApiException>(() =>
            host.Client("agent").SubmitAsync("unlock-account", new SubmissionRequest(JsonSerializer.SerializeToElement(new { }))));

        Assert.Equal(400, e.Status);
        Assert.Equal("DW1005", e.ErrorId);
        Assert.Equal("This field is required.", Assert.Single(e.Errors["/data/user"]));
        Assert.Null(e.ChangeId);
        Assert.Contains("/data/user", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_ReasonRequiredButMissing_ThrowsWithReasonPointer()
    {
        var user = await host.SalesUserAsync();

        var e = await Assert.ThrowsAsync<DelegationApiException>(() =>
            host.Client("agent").SubmitAsync("reset-password", new SubmissionRequest(JsonSerializer.SerializeToElement(new { user }))));

        Assert.Equal("DW1005", e.ErrorId);
        Assert.True(e.Errors.ContainsKey("/reason"));
    }

    [Fact]
    public async Task SubmitAsync_TargetOutsideScope_ThrowsOutOfScope()
    {
        var agentUsers = (await host.LookupAsync("agent", "unlock-account", "user")).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var finance = (await host.LookupAsync("keyuser", "unlock-account", "user")).First(o => !agentUsers.Contains(o.Id)).Id;

        var e = await Assert.ThrowsAsync<DelegationApiException>(() => host.Client("intern").SubmitAsync("unlock-account", Unlock(finance)));

        Assert.Equal(403, e.Status);
        Assert.Equal("DW1004", e.ErrorId);
        Assert.True(e.Errors.ContainsKey("/data/user"));
    }

    [Fact]
    public async Task SubmitAsync_FormNotGranted_ThrowsForbidden()
    {
        var user = await host.SalesUserAsync();

        var e = await Assert.ThrowsAsync<DelegationApiException>(() => host.Client("employee").SubmitAsync("unlock-account", Unlock(user)));

        Assert.Equal(403, e.Status);
        Assert.Equal("DW1003", e.ErrorId);
    }

    [Fact]
    public async Task SubmitAsync_UnknownForm_ThrowsNotFound()
    {
        var e = await Assert.ThrowsAsync<DelegationApiException>(() => host.Client("agent").SubmitAsync("no-such-form", Unlock("x")));

        Assert.Equal(404, e.Status);
        Assert.Equal("DW1002", e.ErrorId);
    }

    [Fact]
    public async Task SubmitAsync_SameKeyTwice_ReturnsTheSameChange()
    {
        var user = await host.SalesUserAsync();
        var client = host.Client("agent");
        var key = Guid.NewGuid().ToString();

        var first = await client.SubmitAsync("unlock-account", Unlock(user), key);
        var second = await client.SubmitAsync("unlock-account", Unlock(user), key);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.CreatedAt, second.CreatedAt);
    }

    [Fact]
    public async Task SubmitAsync_NoKeyGiven_EachCallIsANewChange()
    {
        var user = await host.SalesUserAsync();
        var client = host.Client("agent");

        var first = await client.SubmitAsync("unlock-account", Unlock(user));
        var second = await client.SubmitAsync("unlock-account", Unlock(user));

        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task SubmitAsync_SameKeyOtherData_ThrowsConflictWithFirstChangeId()
    {
        var client = host.Client("agent");
        var key = Guid.NewGuid().ToString();
        var first = await client.SubmitAsync("unlock-account", Unlock(await host.SalesUserAsync(0)), key);

        var other = await host.SalesUserAsync(1);

        var e = await Assert.ThrowsAsync<DelegationApiException>(() => client.SubmitAsync("unlock-account", Unlock(other), key));

        Assert.Equal(409, e.Status);
        Assert.Equal("DW1008", e.ErrorId);
        Assert.Equal(first.Id, e.ChangeId);
    }

    [Fact]
    public async Task SubmitAsync_StaleFormVersion_ThrowsFormChanged()
    {
        var request = Unlock(await host.SalesUserAsync()) with { FormVersion = 999 };

        var e = await Assert.ThrowsAsync<DelegationApiException>(() => host.Client("agent").SubmitAsync("unlock-account", request));

        Assert.Equal(409, e.Status);
        Assert.Equal("DW1009", e.ErrorId);
    }

    [Fact]
    public async Task SubmitAsync_CurrentFormVersion_Succeeds()
    {
        var form = await host.Client("agent").GetFormAsync("unlock-account");

        var change = await host.Client("agent").SubmitAsync("unlock-account", Unlock(await host.SalesUserAsync()) with { FormVersion = form.Version });

        Assert.Equal(form.Version, change.FormVersion);
    }

    [Fact]
    public async Task GetChangeAsync_SomeoneElsesChange_ThrowsNotFound()
    {
        var change = await host.Client("agent").SubmitAsync("unlock-account", Unlock(await host.SalesUserAsync()));

        var e = await Assert.ThrowsAsync<DelegationApiException>(() => host.Client("intern").GetChangeAsync(change.Id));

        Assert.Equal(404, e.Status);
        Assert.Equal("DW1010", e.ErrorId);
        Assert.Equal(change.Id, (await host.Client("admin").GetChangeAsync(change.Id)).Id);
    }
}
