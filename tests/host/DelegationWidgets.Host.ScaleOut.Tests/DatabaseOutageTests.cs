using System.Net;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.ScaleOut.Tests;

/// <summary>PostgreSQL goes down under a running host (a server of its own, so no other test notices) and comes back.</summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task PostgresDown_SubmissionsGet503AndNothingIsHalfWritten_TheRetryWithTheSameKeySucceeds()
    {
        await using var server = await PostgresServer.StartAsync();
        var database = await server.CreateDatabaseAsync();
        await using var host = new HostProcess(PostgresFixture.HostOn(database));
        await host.StartAsync();
        var directory = new DirectoryReader(Path.Combine(host.WorkingDirectory, "data", "directory.db"));
        var users = await directory.UsersAsync("OU=Sales,DC=demo,DC=example", "Locked = 1");
        var agent = await host.ClientAsync("agent");
        Assert.Equal(HttpStatusCode.Created, (await agent.SubmitAsync("unlock-account", new { data = new { user = users[0] } })).Status);

        await server.StopAsync();
        var key = Guid.NewGuid().ToString();
        var during = await agent.SubmitAsync("unlock-account", new { data = new { user = users[1] }, reason = "Locked out" }, key);
        var health = await agent.GetAsync(new Uri("healthz", UriKind.Relative));

        Assert.True(during.Status == HttpStatusCode.ServiceUnavailable, during.ToString());
        Assert.Equal("DW1020", during.ErrorId);
        Assert.NotNull(during.Message.Headers.RetryAfter);
        Assert.Equal("1", await directory.AttributeAsync(users[1], "Locked"));
        Assert.False(host.HasExited);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);

        await server.RestartAsync();
        var after = await agent.SubmitAsync("unlock-account", new { data = new { user = users[1] }, reason = "Locked out" }, key);

        Assert.True(after.Status == HttpStatusCode.Created, after.ToString());
        Assert.Equal("0", await directory.AttributeAsync(users[1], "Locked"));
        Assert.Equal(["2"], await PostgresServer.QueryAsync(database, "SELECT COUNT(*) FROM changes"));
        var verify = await (await host.ClientAsync("admin")).GetJsonAsync("api/v1/audit/verify");
        Assert.True(verify.Body.GetProperty("valid").GetBoolean(), verify.ToString());
    }
}
