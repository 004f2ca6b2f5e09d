using System.Net;
using System.Text.Json;
using DelegationWidgets.Host.Ldap.Tests.Samba;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Ldap.Tests;

/// <summary>
/// Its own DC (so stopping it cannot disturb other tests) and a host that reaches it through <see cref="LdapWriteCutProxy"/>;
/// the circuit breaker's break is short so a retry after the outage is not held back for long.
/// </summary>
public sealed class OutageFixture : IAsyncLifetime
{
    public SambaDomain Domain { get; private set; } = null!;

    public LdapWriteCutProxy Proxy { get; private set; } = null!;

    public HostProcess Host { get; private set; } = null!;

    public DomainDirectory Directory => Domain.Directory;

    public async Task InitializeAsync()
    {
        Domain = await SambaDomain.StartAsync();
        PersonaDomain.Seed(Domain.Directory);
        Proxy = LdapWriteCutProxy.Start(Domain);
        var environment = Domain.HostEnvironment(Proxy.Address);
        environment["Ldap__BreakDuration"] = "00:00:02";
        environment["Ldap__OperationTimeout"] = "00:00:05";
        Host = new HostProcess(environment);
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }

        if (Domain is not null)
        {
            await Domain.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class OutageGroup : ICollectionFixture<OutageFixture>
{
    public const string Name = "host on a Samba domain that goes down";
}

/// <summary>An unreachable DC makes a submission fail visibly, audited and retryable; nothing is lost or half-done.</summary>
[Collection(OutageGroup.Name)]
public sealed class DomainControllerOutageTests(OutageFixture fixture)
{
    [Fact]
    public async Task Submit_DcUnreachableWhenTheChangeIsApplied_503DW1012WithAFailedAuditedChange_NewKeySucceedsOnceBack()
    {
        const string user = "olaf.outage";
        using var agent = await fixture.Host.ClientAsync("agent");
        var data = new { user, newPassword = "Purple!Harbour-2026x", mustChangeAtNextLogon = false };

        fixture.Proxy.CutWrites = true;
        ApiResponse failed;
        try
        {
            failed = await agent.SubmitAsync("reset-password", new { data, reason = "Forgot password" });
        }
        finally
        {
            fixture.Proxy.CutWrites = false;
        }

        Assert.True(failed.Status == HttpStatusCode.ServiceUnavailable, failed.ToString());
        Assert.Equal("DW1012", failed.ErrorId);
        Assert.True(fixture.Proxy.WritesCut > 0);
        var changeId = failed.ChangeId;
        Assert.False(string.IsNullOrEmpty(changeId), failed.ToString());
        var change = await agent.GetJsonAsync($"api/v1/changes/{changeId}");
        Assert.Equal("failed", change.Body.GetProperty("status").GetString());
        Assert.Equal("Unavailable", change.Body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(BindAnswer.Success, fixture.Directory.Bind(user, PersonaDomain.Password));
        using var admin = await fixture.Host.ClientAsync("admin");
        var audit = await admin.AuditOfAsync(user);
        Assert.Contains(audit, e => e.GetProperty("changeId").GetString() == changeId && e.GetProperty("type").GetString() == "change.failed");

        var retried = await RetryUntilBackAsync(() => agent.SubmitAsync("reset-password", new { data, reason = "Forgot password" }));

        Assert.True(retried.Status == HttpStatusCode.Created, retried.ToString());
        Assert.NotEqual(changeId, retried.ChangeId);
        Assert.Equal(BindAnswer.Success, fixture.Directory.Bind(user, data.newPassword));
        Assert.Equal("failed", (await agent.GetJsonAsync($"api/v1/changes/{changeId}")).Body.GetProperty("status").GetString());
        var verify = await admin.GetJsonAsync("api/v1/audit/verify");
        Assert.True(verify.Body.GetProperty("valid").GetBoolean(), verify.ToString());
    }

    [Fact]
    public async Task FailedChange_AdministratorRetriesItOnceTheDcIsBack_ItRunsOnceAuditedAsRetried()
    {
        const string user = "sam.seller";
        using var agent = await fixture.Host.ClientAsync("agent");
        using var admin = await fixture.Host.ClientAsync("admin");

        fixture.Proxy.CutWrites = true;
        ApiResponse failed, withPassword;
        try
        {
            failed = await agent.SubmitAsync("add-group-member", new { data = new { user, group = "sales-leads" }, reason = "Joins the leads" });
            withPassword = await agent.SubmitAsync("reset-password", new { data = new { user, newPassword = "Amber!Valley-2026x", mustChangeAtNextLogon = false }, reason = "Forgot" });
        }
        finally
        {
            fixture.Proxy.CutWrites = false;
        }

        Assert.True(failed.Status == HttpStatusCode.ServiceUnavailable, failed.ToString());
        Assert.DoesNotContain(fixture.Directory.Dn(user), fixture.Directory.Values("sales-leads", "member"), StringComparer.OrdinalIgnoreCase);
        var byAgent = await agent.PostRawAsync($"api/v1/admin/changes/{failed.ChangeId}/retry", "");
        Assert.True(byAgent.Status == HttpStatusCode.Forbidden, byAgent.ToString());
        var passwordRetry = await admin.PostRawAsync($"api/v1/admin/changes/{withPassword.ChangeId}/retry", "");
        Assert.True(passwordRetry.Status == HttpStatusCode.Conflict, passwordRetry.ToString());
        Assert.Contains("never stored", passwordRetry.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The connector's circuit may still be open for a moment: the retry then fails again, visibly, and can be retried.
        ApiResponse retried = null!;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            retried = await admin.PostRawAsync($"api/v1/admin/changes/{failed.ChangeId}/retry", "");
            if (retried.Status != HttpStatusCode.OK || retried.Body.GetProperty("status").GetString() != "failed")
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        Assert.True(retried.Status == HttpStatusCode.OK, retried.ToString());
        Assert.Equal("succeeded", retried.Body.GetProperty("status").GetString());
        Assert.Equal("changed", retried.Body.GetProperty("outcome").GetString());
        Assert.Single(fixture.Directory.Values("sales-leads", "member"), dn => dn.Equals(fixture.Directory.Dn(user), StringComparison.OrdinalIgnoreCase));
        var events = (await admin.AuditOfAsync(user)).Where(e => e.GetProperty("changeId").GetString() == failed.ChangeId).Reverse().ToList();
        Assert.Equal("change.running", events[0].GetProperty("type").GetString());
        Assert.Equal("change.failed", events[1].GetProperty("type").GetString());
        Assert.Equal("change.retried", events[^2].GetProperty("type").GetString());
        Assert.Equal("adam.admin", events[^2].GetProperty("actor").GetProperty("subject").GetString());
        Assert.Equal("change.succeeded", events[^1].GetProperty("type").GetString());
        Assert.StartsWith("Retried by an administrator", events[^1].GetProperty("detail").GetString(), StringComparison.Ordinal);
        var again = await admin.PostRawAsync($"api/v1/admin/changes/{failed.ChangeId}/retry", "");
        Assert.True(again.Status == HttpStatusCode.Conflict, again.ToString());
        Assert.Equal("DW1021", again.ErrorId);
        var verify = await admin.GetJsonAsync("api/v1/audit/verify");
        Assert.True(verify.Body.GetProperty("valid").GetBoolean(), verify.ToString());
    }

    [Fact]
    public async Task Submit_DcStopped_FailsChangesNothing_NewKeySucceedsAfterRestart()
    {
        const string user = "pete.paused";
        using var agent = await fixture.Host.ClientAsync("agent");
        var data = new { user, phone = "+31 20 444 0000" };

        var failed = await WhileStoppedAsync(() => agent.SubmitAsync("update-contact-details", new { data }));

        Assert.False(failed.Status is HttpStatusCode.Created or HttpStatusCode.Accepted, failed.ToString());
        Assert.Equal("+31 20 555 0100", fixture.Directory.Value(user, "telephoneNumber"));

        var retried = await RetryUntilBackAsync(() => agent.SubmitAsync("update-contact-details", new { data }));

        Assert.True(retried.Status == HttpStatusCode.Created, retried.ToString());
        Assert.Equal("+31 20 444 0000", fixture.Directory.Value(user, "telephoneNumber"));
    }

    /// <summary>
    /// The promise for a DC that is down before the submission arrives: 503 DW1012, never a 500. The host resolves the
    /// submitted user through the connector in its scope check before it records the change, and lets the connector's
    /// "unavailable" exception escape from there as 500 DW1099 (host/ScopeCheck and SubmissionPipeline; the host is outside
    /// this change). Remove the skip once the host maps it.
    /// </summary>
    [Fact]
    public async Task Submit_DcStopped_Returns503DW1012()
    {
        using var agent = await fixture.Host.ClientAsync("agent");

        var failed = await WhileStoppedAsync(() => agent.SubmitAsync("update-contact-details", new { data = new { user = "pete.paused", phone = "+31 20 444 1111" } }));

        Assert.True(failed.Status == HttpStatusCode.ServiceUnavailable, failed.ToString());
        Assert.Equal("DW1012", failed.ErrorId);
    }

    private async Task<ApiResponse> WhileStoppedAsync(Func<Task<ApiResponse>> submit)
    {
        await fixture.Domain.PauseAsync();
        try
        {
            return await submit();
        }
        finally
        {
            await fixture.Domain.ResumeAsync();
        }
    }

    /// <summary>Submits with a new idempotency key each time until the connector's circuit lets calls through again (at most ~20 s).</summary>
    private static async Task<ApiResponse> RetryUntilBackAsync(Func<Task<ApiResponse>> submit)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await submit();
            if (response.Status != HttpStatusCode.ServiceUnavailable || attempt == 10)
            {
                return response;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

}
