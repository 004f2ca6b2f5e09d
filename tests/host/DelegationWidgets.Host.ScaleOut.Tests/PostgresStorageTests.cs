using System.Net;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.ScaleOut.Tests;

/// <summary>
/// The host with its tables on PostgreSQL (and the built-in directory, which then keeps a file per instance): the same
/// features as on SQLite, read back from the database itself. Each test has its own database and host.
/// </summary>
[Collection(PostgresGroup.Name)]
public sealed class PostgresStorageTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Sales = "OU=Sales,DC=demo,DC=example";
    private HostProcess _host = null!;
    private string _database = "";

    private DirectoryReader Directory => new(Path.Combine(_host.WorkingDirectory, "data", "directory.db"));

    public async Task InitializeAsync()
    {
        _database = await postgres.Server.CreateDatabaseAsync();
        _host = new HostProcess(PostgresFixture.HostOn(_database));
        await _host.StartAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Submit_OnPostgres_RecordsTheChangeWithItsAuditEventsAndReplaysItsKey()
    {
        var user = (await Directory.UsersAsync(Sales, "Locked = 1"))[0];
        var agent = await _host.ClientAsync("agent");
        var key = Guid.NewGuid().ToString();

        var first = await agent.SubmitAsync("unlock-account", new { data = new { user }, reason = "Locked out" }, key);
        var replay = await agent.SubmitAsync("unlock-account", new { data = new { user }, reason = "Locked out" }, key);
        var other = await agent.SubmitAsync("unlock-account", new { data = new { user }, reason = "Another reason" }, key);

        Assert.True(first.Status == HttpStatusCode.Created, first.ToString());
        Assert.Equal(first.ChangeId, replay.ChangeId);
        Assert.True(other.Status == HttpStatusCode.Conflict, other.ToString());
        Assert.Equal("0", await Directory.AttributeAsync(user, "Locked"));
        Assert.Equal(["succeeded"], await PostgresServer.QueryAsync(_database, "SELECT \"Status\" FROM changes"));
        Assert.Equal(["change.running", "change.succeeded"], await PostgresServer.QueryAsync(_database,
            "SELECT \"Type\" FROM audit_events WHERE \"ChangeId\" = @id ORDER BY \"Sequence\"", ("id", first.ChangeId!)));
        // The refused reuse of the key is audited as denied.
        Assert.Equal(["1"], await PostgresServer.QueryAsync(_database, "SELECT COUNT(*) FROM audit_events WHERE \"Outcome\" = 'denied'"));
        var verify = await (await _host.ClientAsync("admin")).GetJsonAsync("api/v1/audit/verify");
        Assert.True(verify.Body.GetProperty("valid").GetBoolean(), verify.ToString());
        Assert.Contains("built-in demo directory", _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RowsAlteredDeletedOrReorderedInPostgres_NamesTheFirstBrokenEvent()
    {
        var admin = await _host.ClientAsync("admin");
        foreach (var user in (await Directory.UsersAsync(Sales)).Take(3))
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.SubmitAsync("unlock-account", new { data = new { user } })).Status);
        }

        Assert.True((await admin.GetJsonAsync("api/v1/audit/verify")).Body.GetProperty("valid").GetBoolean());

        await PostgresServer.ExecuteAsync(_database, "UPDATE audit_events SET \"Reason\" = 'rewritten' WHERE \"Sequence\" = 5");
        var altered = await admin.GetJsonAsync("api/v1/audit/verify");
        Assert.False(altered.Body.GetProperty("valid").GetBoolean());
        Assert.Equal(5, altered.Body.GetProperty("firstBrokenSequence").GetInt64());

        await PostgresServer.ExecuteAsync(_database, "DELETE FROM audit_events WHERE \"Sequence\" = 2");
        var deleted = await admin.GetJsonAsync("api/v1/audit/verify");
        Assert.Equal(2, deleted.Body.GetProperty("firstBrokenSequence").GetInt64());

        await PostgresServer.ExecuteAsync(_database, "UPDATE audit_events SET \"Sequence\" = 2 WHERE \"Sequence\" = 4");
        var reordered = await admin.GetJsonAsync("api/v1/audit/verify");
        Assert.False(reordered.Body.GetProperty("valid").GetBoolean());
        Assert.Equal(2, reordered.Body.GetProperty("firstBrokenSequence").GetInt64());
    }

    [Fact]
    public async Task Restart_OnPostgres_TheChainCarriesOnAndNothingIsLost()
    {
        var agent = await _host.ClientAsync("agent");
        var users = await Directory.UsersAsync(Sales);
        Assert.Equal(HttpStatusCode.Created, (await agent.SubmitAsync("unlock-account", new { data = new { user = users[0] } })).Status);

        await _host.KillAsync();
        await _host.StartAsync();
        agent = await _host.ClientAsync("agent");
        Assert.Equal(HttpStatusCode.Created, (await agent.SubmitAsync("unlock-account", new { data = new { user = users[1] } })).Status);

        Assert.Equal(["2"], await PostgresServer.QueryAsync(_database, "SELECT COUNT(*) FROM changes WHERE \"Status\" = 'succeeded'"));
        Assert.Equal(["4"], await PostgresServer.QueryAsync(_database, "SELECT MAX(\"Sequence\") FROM audit_events"));
        var verify = await (await _host.ClientAsync("admin")).GetJsonAsync("api/v1/audit/verify");
        Assert.True(verify.Body.GetProperty("valid").GetBoolean(), verify.ToString());
    }
}
