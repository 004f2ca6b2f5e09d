using System.Net;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Tests;

[Collection(HostGroup.Name)]
public sealed class IdempotencyTests(HostFixture fixture)
{
    private DirectoryReader Directory => new(fixture.Host.DatabasePath);

    [Fact]
    public async Task Submit_SameKeyTwice_ReturnsTheFirstChangeAndRunsOnce()
    {
        var user = (await Directory.UsersAsync(SeedFacts.Sales))[12];
        var key = Guid.NewGuid().ToString();
        var agent = await fixture.As("agent");

        var first = await agent.SubmitAsync("grant-mailbox-access", new { data = new { user, mailbox = SeedFacts.SalesMailbox, permission = "FullAccess" }, reason = "x" }, key);
        var second = await agent.SubmitAsync("grant-mailbox-access", new { data = new { user, mailbox = SeedFacts.SalesMailbox, permission = "FullAccess" }, reason = "x" }, key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        var id = first.Body.GetProperty("id").GetString();
        Assert.Equal(id, second.Body.GetProperty("id").GetString());
        Assert.Equal("1", await Directory.ScalarAsync("SELECT COUNT(*) FROM changes WHERE IdempotencyKey = $k", ("$k", key)));
        Assert.Equal("1", await Directory.ScalarAsync("SELECT COUNT(*) FROM audit_events WHERE ChangeId = $c AND Type = 'change.succeeded'", ("$c", id!)));
    }

    [Fact]
    public async Task Submit_SameKeyOtherData_Returns409()
    {
        var users = await Directory.UsersAsync(SeedFacts.Sales);
        var key = Guid.NewGuid().ToString();
        var agent = await fixture.As("agent");

        var ticket = "INC-REUSE-" + Guid.NewGuid().ToString("N")[..8];

        var first = await agent.SubmitAsync("unlock-account", new { data = new { user = users[13] }, ticket }, key);
        var reused = await agent.SubmitAsync("unlock-account", new { data = new { user = users[14] }, ticket }, key);

        Assert.Equal(HttpStatusCode.Conflict, reused.Status);
        Assert.Equal("DW1008", reused.ErrorId);
        var denied = await Directory.ScalarAsync("SELECT Detail FROM audit_events WHERE Ticket = $t AND Type = 'access.denied'", ("$t", ticket));
        Assert.Contains(first.ChangeId!, denied, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_SameKeyConcurrently_RecordsOneChange()
    {
        var user = (await Directory.UsersAsync(SeedFacts.Sales))[15];
        var key = Guid.NewGuid().ToString();
        var agent = await fixture.As("agent");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            agent.SubmitAsync("grant-mailbox-access", new { data = new { user, mailbox = SeedFacts.SalesMailbox, permission = "SendAs" }, reason = "x" }, key)));

        Assert.Single(responses.Select(r => r.Body.GetProperty("id").GetString()).Distinct());
        Assert.Equal("1", await Directory.ScalarAsync("SELECT COUNT(*) FROM changes WHERE IdempotencyKey = $k", ("$k", key)));
    }

    [Fact]
    public async Task Submit_SameKeyAfterTheTargetMovedOn_ReturnsTheFirstChange()
    {
        var user = (await Directory.UsersAsync(SeedFacts.External))[5];
        var key = Guid.NewGuid().ToString();
        var agent = await fixture.As("agent");
        var body = new { data = new { user, confirm = true }, reason = "Contract ended", ticket = "INC-REPLAY" };

        var deleted = await agent.SubmitAsync("delete-account", body, key);
        var retried = await agent.SubmitAsync("delete-account", body, key);

        Assert.Equal(HttpStatusCode.Created, deleted.Status);
        Assert.Equal(HttpStatusCode.Created, retried.Status);
        Assert.Equal(deleted.Body.GetProperty("id").GetString(), retried.Body.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Submit_SameKeyDifferentActors_AreSeparateChanges()
    {
        var key = Guid.NewGuid().ToString();
        var finance = (await Directory.UsersAsync(SeedFacts.Finance))[0];

        var byKeyUser = await (await fixture.As("keyuser")).SubmitAsync("unlock-account", new { data = new { user = finance } }, key);
        var byAdmin = await (await fixture.As("admin")).SubmitAsync("unlock-account", new { data = new { user = finance } }, key);

        Assert.Equal(HttpStatusCode.Created, byKeyUser.Status);
        Assert.Equal(HttpStatusCode.Created, byAdmin.Status);
        Assert.NotEqual(byKeyUser.Body.GetProperty("id").GetString(), byAdmin.Body.GetProperty("id").GetString());
    }
}
