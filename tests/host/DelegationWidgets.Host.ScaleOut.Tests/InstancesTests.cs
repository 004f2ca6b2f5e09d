using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using DelegationWidgets.Host.Ldap.Tests.Samba;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.ScaleOut.Tests;

/// <summary>Several instances on one PostgreSQL database and one AD domain: each change runs exactly once, whoever takes it.</summary>
[Collection(ScaleOutGroup.Name)]
public sealed class InstancesTests(ScaleOutFixture fixture)
{
    [Fact]
    public async Task ConcurrentSubmissionsThroughNginxToTwoInstances_EveryChangeRunsExactlyOnce()
    {
        var users = PersonaDomain.AddSalesUsers(fixture.Directory, "load.user", 40);
        await using var instances = await fixture.StartInstancesAsync(null, null);
        await using var nginx = await NginxBalancer.StartAsync(instances.Hosts.Select(h => h.BaseAddress));
        using var client = new HttpClient { BaseAddress = nginx.Address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", await instances.Hosts[0].TokenAsync("agent"));

        // Every submission is sent twice at the same moment with the same key (a client retrying through the balancer),
        // so most keys reach both instances at once.
        var submissions = users.Select(user => (User: user, Key: Guid.NewGuid().ToString())).ToList();
        var answeredBy = new ConcurrentBag<string>();
        using var parallel = new SemaphoreSlim(16);
        var responses = await Task.WhenAll(submissions.SelectMany(s => new[] { s, s }).Select(async s =>
        {
            await parallel.WaitAsync();
            try
            {
                var response = await client.SubmitAsync("add-group-member", new { data = new { user = s.User, group = "sales-leads" }, reason = "Joins the leads" }, s.Key);
                answeredBy.Add(response.Message.Headers.TryGetValues("X-Upstream", out var upstream) ? upstream.First() : "?");
                return (s.Key, Response: response);
            }
            finally
            {
                parallel.Release();
            }
        }));

        Assert.All(responses, r => Assert.True(r.Response.Status is HttpStatusCode.Created or HttpStatusCode.Accepted, r.Response.ToString()));
        Assert.Equal(2, answeredBy.Distinct().Count());
        foreach (var pair in responses.GroupBy(r => r.Key))
        {
            Assert.Single(pair.Select(r => r.Response.ChangeId).Distinct());
        }

        await WaitUntilAsync(async () => (await PostgresServer.QueryAsync(instances.Database, "SELECT COUNT(*) FROM changes WHERE \"CompletedAt\" IS NULL"))[0] == "0");
        Assert.Equal(["40"], await PostgresServer.QueryAsync(instances.Database, "SELECT COUNT(*) FROM changes"));
        // Ran once each: one completion event per change, and each run found the user not yet a member ("changed"), which
        // a second run of the same change would not.
        Assert.Equal(["changed"], await PostgresServer.QueryAsync(instances.Database, "SELECT DISTINCT \"Outcome\" FROM changes"));
        Assert.Equal(["1"], await PostgresServer.QueryAsync(instances.Database,
            "SELECT DISTINCT COUNT(*) FROM audit_events WHERE \"Type\" = 'change.succeeded' GROUP BY \"ChangeId\""));
        Assert.Equal(["40"], await PostgresServer.QueryAsync(instances.Database, "SELECT COUNT(*) FROM audit_events WHERE \"Type\" = 'change.succeeded'"));
        var members = fixture.Directory.Values("sales-leads", "member");
        Assert.All(users, user => Assert.Contains(fixture.Directory.Dn(user), members, StringComparer.OrdinalIgnoreCase));
        // One linear chain although both instances appended at once.
        using var admin = new HttpClient { BaseAddress = nginx.Address };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await instances.Hosts[1].TokenAsync("admin"));
        var adminVerify = await admin.GetJsonAsync("api/v1/audit/verify");
        Assert.True(adminVerify.Body.GetProperty("valid").GetBoolean(), adminVerify.ToString());
        Assert.Equal(80, adminVerify.Body.GetProperty("eventsChecked").GetInt64());
    }

    [Fact]
    public async Task InstanceKilledWhileTheTargetIsSlow_AnotherInstanceFinishesTheChangeOnce()
    {
        var user = PersonaDomain.AddSalesUsers(fixture.Directory, "kill.user", 1)[0];
        await using var proxy = LdapWriteCutProxy.Start(fixture.Domain);
        await using var instances = await fixture.StartInstancesAsync(proxy.Address, null);
        var (a, b) = (instances.Hosts[0], instances.Hosts[1]);
        proxy.HoldWrites = true;

        var pending = (await a.ClientAsync("agent")).SubmitAsync("add-group-member", new { data = new { user, group = "sales-team" }, reason = "Joins the team" });
        await WaitUntilAsync(() => Task.FromResult(proxy.WritesHeld > 0));
        var id = (await PostgresServer.QueryAsync(instances.Database, "SELECT \"Id\" FROM changes")).Single()!;

        // Longer than the lease: the instance that runs the change keeps renewing it, so the other does not take it over.
        await Task.Delay(TimeSpan.FromSeconds(11));
        Assert.Equal(["running instance-a 1"], await PostgresServer.QueryAsync(instances.Database,
            "SELECT \"Status\" || ' ' || \"LeaseOwner\" || ' ' || \"Attempts\" FROM changes"));

        await a.KillAsync();
        proxy.DropHeldWrites();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => pending);
        await WaitUntilAsync(async () => (await PostgresServer.QueryAsync(instances.Database, "SELECT \"Status\" FROM changes"))[0] != "running");

        var change = await (await b.ClientAsync("agent")).GetJsonAsync($"api/v1/changes/{id}");
        Assert.Equal("succeeded", change.Body.GetProperty("status").GetString());
        Assert.Equal("changed", change.Body.GetProperty("outcome").GetString());
        Assert.Equal(["2"], await PostgresServer.QueryAsync(instances.Database, "SELECT \"Attempts\" FROM changes"));
        Assert.Equal(["change.running", "change.succeeded"], await PostgresServer.QueryAsync(instances.Database,
            "SELECT \"Type\" FROM audit_events WHERE \"ChangeId\" = @id ORDER BY \"Sequence\"", ("id", id)));
        var detail = (await PostgresServer.QueryAsync(instances.Database,
            "SELECT \"Detail\" FROM audit_events WHERE \"ChangeId\" = @id AND \"Type\" = 'change.succeeded'", ("id", id))).Single();
        Assert.StartsWith("Finished after an interruption (attempt 2, by instance-b:recovery)", detail, StringComparison.Ordinal);
        Assert.Single(fixture.Directory.Values("sales-team", "member"), dn => dn.Equals(fixture.Directory.Dn(user), StringComparison.OrdinalIgnoreCase));
        var verify = await (await b.ClientAsync("admin")).GetJsonAsync("api/v1/audit/verify");
        Assert.True(verify.Body.GetProperty("valid").GetBoolean(), verify.ToString());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true within 60 seconds.");
            await Task.Delay(100);
        }
    }
}
