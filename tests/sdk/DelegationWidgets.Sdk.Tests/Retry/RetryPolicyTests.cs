using System.Diagnostics;
using System.Net;
using DelegationWidgets.Sdk.Models;
using DelegationWidgets.Sdk.Retry;
using DelegationWidgets.Sdk.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace DelegationWidgets.Sdk.Tests.Retry;

/// <summary>The policy of <c>AddDelegationClient</c> against the real host, with faults injected below it.</summary>
[Collection(RealHost.Name)]
public sealed class RetryPolicyTests(HostFixture host)
{
    private ServiceProvider Services(ScriptedHandler handler, string persona = "agent", Action<DelegationRetryOptions>? retry = null)
    {
        var services = new ServiceCollection();
        services.AddDelegationClient(o =>
            {
                o.BaseAddress = host.BaseAddress;
                o.TokenProvider = async _ => await host.TokenAsync(persona);
                o.Retry.Delay = TimeSpan.FromMilliseconds(10);
                retry?.Invoke(o.Retry);
            })
            .AddHttpMessageHandler(() => handler);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task SubmitAsync_FirstTryAnswers503_RetriesWithTheSameIdempotencyKeyAndBody()
    {
        var handler = ScriptedHandler.FailFirst(HttpStatusCode.ServiceUnavailable);
        await using var services = Services(handler);
        var user = await host.SalesUserAsync();

        var change = await services.GetRequiredService<DelegationClient>().SubmitAsync("unlock-account", DelegationClientChangesTests.Unlock(user, "RTY-1"));

        Assert.Equal(ChangeStatus.Succeeded, change.Status);
        Assert.Equal(2, handler.Sent.Count);
        var (first, second) = (handler.Sent[0], handler.Sent[1]);
        Assert.Equal("POST", first.Method);
        Assert.Equal("/api/v1/forms/unlock-account/submissions", first.PathAndQuery);
        Assert.True(Guid.TryParse(first.IdempotencyKey, out _), "The client generates a GUID key when none is given.");
        Assert.Equal($"{{\"data\":{{\"user\":\"{user}\"}},\"reason\":null,\"ticket\":\"RTY-1\",\"dryRun\":false,\"formVersion\":null}}", first.Body);
        Assert.Equal("Bearer " + await host.TokenAsync("agent"), first.Authorization);
        Assert.StartsWith("DelegationWidgets.Sdk/", first.UserAgent, StringComparison.Ordinal);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task SubmitAsync_FirstAnswerLost_RetryReturnsTheSameChangeAndTheActionRunsOnce()
    {
        var handler = ScriptedHandler.LoseFirstAnswer();
        await using var services = Services(handler);
        var ticket = "LOST-" + Guid.NewGuid().ToString("N")[..8];

        var change = await services.GetRequiredService<DelegationClient>().SubmitAsync("unlock-account", DelegationClientChangesTests.Unlock(await host.SalesUserAsync(), ticket));

        Assert.Equal(2, handler.Sent.Count);
        Assert.Equal(handler.Sent[0].IdempotencyKey, handler.Sent[1].IdempotencyKey);
        var audit = (await host.Client("admin").GetAuditPageAsync(new AuditQuery(Ticket: ticket))).Items;
        Assert.Equal(["change.succeeded", "change.running"], audit.Select(e => e.Type));
        Assert.All(audit, e => Assert.Equal(change.Id, e.ChangeId));
    }

    [Fact]
    public async Task SubmitAsync_CallerKey_IsSentOnEveryTry()
    {
        var handler = ScriptedHandler.ThrowFirst();
        await using var services = Services(handler);

        await services.GetRequiredService<DelegationClient>().SubmitAsync("unlock-account", DelegationClientChangesTests.Unlock(await host.SalesUserAsync()), "ticket-INC42-unlock");

        Assert.Equal(["ticket-INC42-unlock", "ticket-INC42-unlock"], handler.Sent.Select(s => s.IdempotencyKey));
    }

    [Fact]
    public async Task DryRunAsync_FirstTryAnswers502_IsRetried()
    {
        var handler = ScriptedHandler.FailFirst(HttpStatusCode.BadGateway);
        await using var services = Services(handler);

        var result = await services.GetRequiredService<DelegationClient>().DryRunAsync("unlock-account", DelegationClientChangesTests.Unlock(await host.SalesUserAsync()));

        Assert.Equal("unlock-account", result.FormId);
        Assert.Equal(2, handler.Sent.Count);
        Assert.Contains("\"dryRun\":true", handler.Sent[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAuditPageAsync_ConnectionFailsOnce_RepeatsTheExactGet()
    {
        var handler = ScriptedHandler.ThrowFirst();
        await using var services = Services(handler);
        var from = new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.FromHours(1));

        await services.GetRequiredService<DelegationClient>().GetAuditPageAsync(new AuditQuery(Actor: "anna.agent", Ticket: "T 1&2", From: from), limit: 7);

        Assert.Equal(2, handler.Sent.Count);
        Assert.Equal(new SentRequest("GET", "/api/v1/audit?actor=anna.agent&ticket=T%201%262&from=2020-01-02T03%3A04%3A05.0000000%2B01%3A00&limit=7", null,
            "Bearer " + await host.TokenAsync("agent"), handler.Sent[0].UserAgent, null), handler.Sent[0]);
        Assert.Equal(handler.Sent[0], handler.Sent[1]);
    }

    [Fact]
    public async Task GetDevTokenAsync_FirstTryAnswers503_IsNotRetried()
    {
        var handler = ScriptedHandler.FailFirst(HttpStatusCode.ServiceUnavailable);
        await using var services = Services(handler);

        var e = await Assert.ThrowsAsync<DelegationApiException>(() => services.GetRequiredService<DelegationClient>().GetDevTokenAsync("agent"));

        Assert.Equal(503, e.Status);
        var sent = Assert.Single(handler.Sent);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/dev/token", sent.PathAndQuery);
        Assert.Null(sent.IdempotencyKey);
    }

    [Fact]
    public async Task GetFormsAsync_429WithRetryAfter_WaitsAsAskedThenRetries()
    {
        var handler = ScriptedHandler.FailFirst(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(1));
        await using var services = Services(handler);
        var clock = Stopwatch.StartNew();

        var forms = await services.GetRequiredService<DelegationClient>().GetFormsAsync();

        Assert.NotEmpty(forms);
        Assert.Equal(2, handler.Sent.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"Retried after {clock.Elapsed}, before the Retry-After of 1 s.");
    }

    [Fact]
    public async Task GetFormsAsync_RetryAfterLongerThanMaxDelay_ReturnsTheErrorAtOnce()
    {
        var handler = ScriptedHandler.FailFirst(HttpStatusCode.TooManyRequests, TimeSpan.FromMinutes(5));
        await using var services = Services(handler, retry: r => r.MaxDelay = TimeSpan.FromSeconds(5));

        var e = await Assert.ThrowsAsync<DelegationApiException>(() => services.GetRequiredService<DelegationClient>().GetFormsAsync());

        Assert.Equal(429, e.Status);
        Assert.Single(handler.Sent);
    }

    [Fact]
    public async Task GetFormsAsync_501_IsNotRetried()
    {
        var handler = ScriptedHandler.FailFirst(HttpStatusCode.NotImplemented);
        await using var services = Services(handler);

        var e = await Assert.ThrowsAsync<DelegationApiException>(() => services.GetRequiredService<DelegationClient>().GetFormsAsync());

        Assert.Equal(501, e.Status);
        Assert.Single(handler.Sent);
    }

    [Fact]
    public async Task SubmitAsync_ValidationProblem_IsNotRetried()
    {
        var handler = ScriptedHandler.PassThrough();
        await using var services = Services(handler);

        var e = await Assert.ThrowsAsync<DelegationApiException>(() => services.GetRequiredService<DelegationClient>().SubmitAsync(
            "unlock-account", new SubmissionRequest(System.Text.Json.JsonSerializer.SerializeToElement(new { }))));

        Assert.Equal("DW1005", e.ErrorId);
        Assert.Single(handler.Sent);
    }

    [Fact]
    public async Task GetFormsAsync_FirstTrySlowerThanTryTimeout_IsAbandonedAndRetried()
    {
        var handler = ScriptedHandler.DelayFirst(TimeSpan.FromSeconds(30));
        await using var services = Services(handler, retry: r => r.TryTimeout = TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        var forms = await services.GetRequiredService<DelegationClient>().GetFormsAsync();

        Assert.NotEmpty(forms);
        Assert.Equal(2, handler.Sent.Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task GetFormsAsync_AlwaysFailing_GivesUpAfterMaxRetriesWithTheLastAnswer()
    {
        var handler = ScriptedHandler.AlwaysFail(HttpStatusCode.BadGateway);
        await using var services = Services(handler, retry: r => r.MaxRetries = 2);

        var e = await Assert.ThrowsAsync<DelegationApiException>(() => services.GetRequiredService<DelegationClient>().GetFormsAsync());

        Assert.Equal(502, e.Status);
        Assert.Null(e.ErrorId);
        Assert.Contains("Injected failure", e.Detail, StringComparison.Ordinal);
        Assert.Equal(3, handler.Sent.Count);
    }

    [Fact]
    public async Task RequestAsync_FirstAnswerLost_RetryReturnsTheSameRequestAndRequestsOnce()
    {
        var handler = ScriptedHandler.LoseFirstAnswer();
        await using var services = Services(handler, "manager");

        var request = await services.GetRequiredService<DelegationClient>().RequestAsync(new AccessRequestInput("analytics-pro", Reason: "Quarterly forecasts"));

        Assert.Equal("pending-approval", request.Status);
        Assert.Equal(2, handler.Sent.Count);
        Assert.Equal(handler.Sent[0], handler.Sent[1]);
        Assert.Equal(("POST", "/api/v1/requests"), (handler.Sent[0].Method, handler.Sent[0].PathAndQuery));
        Assert.True(Guid.TryParse(handler.Sent[0].IdempotencyKey, out _), "The client generates a GUID key when none is given.");
        Assert.Equal("""{"product":"analytics-pro","beneficiary":null,"reason":"Quarterly forecasts","durationDays":null,"extends":null,"data":null}""", handler.Sent[0].Body);
        Assert.Equal(request.Id, Assert.Single(await host.Client("manager").GetMyRequestsAsync(), r => r.ProductId == "analytics-pro").Id);
    }

    [Fact]
    public async Task CancelDecideAndSetDeputy_503_AreNotRetried()
    {
        var handler = ScriptedHandler.AlwaysFail(HttpStatusCode.ServiceUnavailable);
        await using var services = Services(handler);
        var client = services.GetRequiredService<DelegationClient>();

        var cancel = await Assert.ThrowsAsync<DelegationApiException>(() => client.CancelRequestAsync("r1"));
        var decide = await Assert.ThrowsAsync<DelegationApiException>(() => client.DecideAsync("r1.0", new ApprovalDecisionInput(true)));
        var deputy = await Assert.ThrowsAsync<DelegationApiException>(() => client.SetDeputyAsync(new DeputyInput("kees.keyuser", DateTimeOffset.UtcNow.AddDays(7))));

        Assert.Equal([503, 503, 503], new[] { cancel, decide, deputy }.Select(e => e.Status));
        Assert.Equal(["/api/v1/requests/r1/cancel", "/api/v1/approvals/r1.0/decision", "/api/v1/approvals/deputies"], handler.Sent.Select(s => s.PathAndQuery));
        Assert.All(handler.Sent, s => Assert.Null(s.IdempotencyKey));
    }
}
