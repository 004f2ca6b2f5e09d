using System.Net;
using DelegationWidgets.Host.Audit;
using DelegationWidgets.Host.Changes;
using DelegationWidgets.Host.Storage;
using DelegationWidgets.Sdk.Models;
using DelegationWidgets.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace DelegationWidgets.Host.Tests;

/// <summary>Each test runs its own host, because it stops it, edits its database behind its back, and starts it again.</summary>
public sealed class RecoveryAndIntegrityTests : IAsyncLifetime
{
    private readonly HostProcess _host = new();

    private DirectoryReader Directory => new(_host.DatabasePath);

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Restart_ChangeRecordedButNotRun_IsCompletedOnceAndAudited()
    {
        var user = (await Directory.UsersAsync(SeedFacts.Sales, "Locked = 1"))[0];
        await _host.KillAsync();
        var id = await RecordInterruptedChangeAsync("unlock-account", $"{{\"user\":\"{user}\"}}", hadSecrets: false);

        await _host.StartAsync();
        var change = await WaitForEndAsync(id);

        Assert.Equal("succeeded", change.Body.GetProperty("status").GetString());
        Assert.Equal("0", await Directory.AttributeAsync(user, "Locked"));
        Assert.Equal("1", await Directory.ScalarAsync("SELECT COUNT(*) FROM audit_events WHERE ChangeId = $c AND Type = 'change.succeeded'", ("$c", id)));
        Assert.Equal("2", await Directory.ScalarAsync("SELECT Attempts FROM changes WHERE Id = $c", ("$c", id)));
        var verify = await (await _host.ClientAsync("admin")).GetJsonAsync("api/v1/audit/verify");
        Assert.True(verify.Body.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Restart_InterruptedChangeWithSecret_FailsVisiblyWithoutRunning()
    {
        var user = (await Directory.UsersAsync(SeedFacts.Sales))[1];
        var hash = await Directory.AttributeAsync(user, "PasswordHash");
        await _host.KillAsync();
        var id = await RecordInterruptedChangeAsync("reset-password", $"{{\"user\":\"{user}\",\"mustChangeAtNextLogon\":true}}", hadSecrets: true);

        await _host.StartAsync();
        var change = await WaitForEndAsync(id);

        Assert.Equal("failed", change.Body.GetProperty("status").GetString());
        Assert.Contains("submit the form again", change.Body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(hash, await Directory.AttributeAsync(user, "PasswordHash"));
    }

    [Fact]
    public async Task Verify_AlteredRow_NamesTheFirstBrokenEvent()
    {
        var admin = await _host.ClientAsync("admin");
        foreach (var user in (await Directory.UsersAsync(SeedFacts.Sales)).Take(3))
        {
            await admin.SubmitAsync("unlock-account", new { data = new { user } });
        }

        Assert.True((await admin.GetJsonAsync("api/v1/audit/verify")).Body.GetProperty("valid").GetBoolean());
        await ExecuteAsync("UPDATE audit_events SET Reason = 'rewritten' WHERE Sequence = 3");

        var verify = await admin.GetJsonAsync("api/v1/audit/verify");

        Assert.False(verify.Body.GetProperty("valid").GetBoolean());
        Assert.Equal(3, verify.Body.GetProperty("firstBrokenSequence").GetInt64());
    }

    [Fact]
    public async Task Verify_DeletedOrReorderedRows_AreDetected()
    {
        var admin = await _host.ClientAsync("admin");
        foreach (var user in (await Directory.UsersAsync(SeedFacts.Sales)).Take(3))
        {
            await admin.SubmitAsync("unlock-account", new { data = new { user } });
        }

        await ExecuteAsync("DELETE FROM audit_events WHERE Sequence = 2");
        var deleted = await admin.GetJsonAsync("api/v1/audit/verify");
        Assert.False(deleted.Body.GetProperty("valid").GetBoolean());
        Assert.Equal(2, deleted.Body.GetProperty("firstBrokenSequence").GetInt64());

        await ExecuteAsync("UPDATE audit_events SET Sequence = 2 WHERE Sequence = 4");
        var reordered = await admin.GetJsonAsync("api/v1/audit/verify");
        Assert.False(reordered.Body.GetProperty("valid").GetBoolean());
        Assert.Equal(2, reordered.Body.GetProperty("firstBrokenSequence").GetInt64());

        var tail = await _host.ClientAsync("admin");
        await ExecuteAsync("DELETE FROM audit_events WHERE Sequence >= 2");
        var truncated = await tail.GetJsonAsync("api/v1/audit/verify");
        Assert.False(truncated.Body.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Start_FormOutsideTheProfile_StopsWithKeywordAndPath()
    {
        await _host.KillAsync();
        var forms = System.IO.Directory.CreateTempSubdirectory("dw-forms-").FullName;
        var standard = RepositoryPaths.StandardForm("unlock-account");
        File.WriteAllText(Path.Combine(forms, "bad.json"), File.ReadAllText(standard)
            .Replace("\"id\": \"unlock-account\"", "\"id\": \"bad-form\"", StringComparison.Ordinal)
            .Replace("\"user\": { \"type\": \"string\"", "\"user\": { \"prefixItems\": [], \"type\": \"string\"", StringComparison.Ordinal));
        await using var broken = new HostProcess(new Dictionary<string, string> { ["Forms__Path"] = forms });

        await Assert.ThrowsAsync<InvalidOperationException>(() => broken.StartAsync());

        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains("prefixItems", broken.Output, StringComparison.Ordinal);
        Assert.Contains("/properties/user", broken.Output, StringComparison.Ordinal);
        Assert.Contains("bad.json", broken.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Directory__Connector", "Exchange", "Directory:Connector")]
    [InlineData("Storage__SqliteDurability", "Sometimes", "Storage:SqliteDurability")]
    [InlineData("Authentication__Issuers__0__Name", "Corp Issuer", "Authentication:Issuers")]
    [InlineData("Storage__Provider", "Oracle", "Storage:Provider")]
    [InlineData("Storage__Provider", "PostgreSQL", "ConnectionStrings:Delegation is required")]
    [InlineData("Changes__LeaseDuration", "00:00:00", "Changes:LeaseDuration")]
    [InlineData("Changes__RecoveryInterval", "soon", "Changes:RecoveryInterval")]
    public async Task Start_WrongSetting_StopsNamingTheSetting(string variable, string value, string setting)
    {
        await _host.KillAsync();
        await using var broken = new HostProcess(new Dictionary<string, string> { [variable] = value });

        await Assert.ThrowsAsync<InvalidOperationException>(() => broken.StartAsync());

        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains(setting, broken.Output, StringComparison.Ordinal);
    }

    /// <summary>Writes a change the way the submission pipeline records it (status running, its audit event), with a lease that has already run out.</summary>
    private async Task<string> RecordInterruptedChangeAsync(string formId, string dataJson, bool hadSecrets)
    {
        var options = new DbContextOptionsBuilder<SqliteDelegationDbContext>().UseSqlite($"Data Source={_host.DatabasePath}").Options;
        var databases = new DelegationStorage.ProviderContextFactory<SqliteDelegationDbContext>(new PooledDbContextFactory<SqliteDelegationDbContext>(options));
        await using var chain = new AuditChain(databases, TimeProvider.System,
            new SemaphoreSlim(1, 1), NullLogger<AuditChain>.Instance);
        var now = chain.Now();
        var change = new ChangeRecord
        {
            Id = Guid.NewGuid().ToString(),
            FormId = formId,
            FormVersion = 1,
            ActorIssuer = "urn:delegationwidgets:dev",
            ActorSubject = "anna.agent",
            ActorName = "Anna Agent",
            ActorRoles = "helpdesk",
            IdempotencyKey = Guid.NewGuid().ToString(),
            RequestHash = "test",
            DataJson = dataJson,
            HadSecrets = hadSecrets,
            Status = ChangeStatus.Running,
            Reason = "interrupted",
            CreatedAt = now.AddMinutes(-10),
            UpdatedAt = now.AddMinutes(-10),
            LeaseOwner = "crashed-instance",
            LeaseExpiresAt = now.AddMinutes(-8),
            Attempts = 1,
        };
        await chain.AppendAsync(change, ChangeWrite.Insert, [ChangeMapping.Event(change, "change.running", "pending", now.AddMinutes(-10))]);
        return change.Id;
    }

    private async Task<ApiResponse> WaitForEndAsync(string id)
    {
        var agent = await _host.ClientAsync("agent");
        for (var i = 0; i < 100; i++)
        {
            var change = await agent.GetJsonAsync($"api/v1/changes/{id}");
            Assert.Equal(HttpStatusCode.OK, change.Status);
            if (change.Body.GetProperty("status").GetString() != "running")
            {
                return change;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Change {id} was not recovered.");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_host.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task DatabaseLockedLongerThanTheHostWaits_Returns503_RecordsNothing_ThenRecovers()
    {
        var user = (await Directory.UsersAsync(SeedFacts.Sales, "Locked = 1"))[0];
        using var agent = await _host.ClientAsync("agent");
        ApiResponse refused;
        await using (var locker = new SqliteConnection($"Data Source={_host.DatabasePath}"))
        {
            await locker.OpenAsync();
            await using var begin = locker.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE;";
            await begin.ExecuteNonQueryAsync();

            refused = await agent.SubmitAsync("unlock-account", new { data = new { user } }, "key-while-locked");

            await using var rollback = locker.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Equal("DW1020", refused.ErrorId);
        Assert.NotNull(refused.Message.Headers.RetryAfter);
        Assert.Equal("0", await Directory.ScalarAsync("SELECT COUNT(*) FROM changes WHERE IdempotencyKey = 'key-while-locked'"));
        Assert.Equal("1", await Directory.AttributeAsync(user, "Locked"));

        var retried = await agent.SubmitAsync("unlock-account", new { data = new { user } }, "key-while-locked");
        using var admin = await _host.ClientAsync("admin");
        var verify = await admin.GetJsonAsync("api/v1/audit/verify");

        Assert.Equal(HttpStatusCode.Created, retried.Status);
        Assert.Equal("0", await Directory.AttributeAsync(user, "Locked"));
        Assert.True(verify.Body.GetProperty("valid").GetBoolean(), verify.ToString());
    }
}
