using Microsoft.Extensions.Time.Testing;

namespace DelegationWidgets.Connectors.Itsm.Tests.ServiceNow;

public sealed class ServiceNowResilienceTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);
    private static readonly TicketCaller Jane = new("jane.doe");
    private static readonly TicketReference Incident = new("INC0012345");

    private static readonly TicketNote Note = new("chg-42", "Reset password", TicketOutcome.Succeeded, "Done.", null, "Alex Agent");

    private readonly FakeItsm _itsm = new();

    public void Dispose() => _itsm.Dispose();

    private List<string> Lines() => [.. _itsm.Requests().Select(FakeItsm.Line)];

    [Fact]
    public async Task VerifyAsync_500ThenOk_SendsTheSameReadOnceMore()
    {
        _itsm.GivenSequence(
            "GET",
            FakeItsm.IncidentTable,
            FakeItsm.Answer(500, """{"error":{"message":"Internal error"},"status":"failure"}"""),
            FakeItsm.Answer(200, FakeItsm.ServiceNowRecord("INC0012345", FakeItsm.IncidentSysId, active: true, FakeItsm.GroupSysId)));
        var tickets = _itsm.CreateServiceNow(o => o.CheckAssignment = false);

        var verification = await tickets.VerifyAsync(Incident, Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Verified, verification.Status);
        string[] lines = ["GET " + FakeItsm.IncidentTable, "GET " + FakeItsm.IncidentTable];
        Assert.Equal(lines, Lines());
        var requests = _itsm.Requests();
        Assert.Equal(requests[0].RawQuery, requests[1].RawQuery);
        Assert.Equal(FakeItsm.Header(requests[0], "Authorization"), FakeItsm.Header(requests[1], "Authorization"));
    }

    [Fact]
    public async Task VerifyAsync_ServiceNowKeepsFailing_UnavailableAfterMaxRetriesPlusOneAttempts()
    {
        _itsm.Given("GET", FakeItsm.IncidentTable, 503);
        var tickets = _itsm.CreateServiceNow(o => o.MaxRetries = 2);

        var verification = await tickets.VerifyAsync(Incident, Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Unavailable, verification.Status);
        Assert.Contains("ServiceNow is unavailable", verification.Message, StringComparison.Ordinal);
        Assert.Contains("503", verification.Message, StringComparison.Ordinal);
        Assert.Equal(3, Lines().Count);
    }

    [Fact]
    public async Task VerifyAsync_ConnectionResetOnARead_IsSentAgain()
    {
        _itsm.Given("GET", FakeItsm.IncidentTable, 200, FakeItsm.ServiceNowRecord("INC0012345", FakeItsm.IncidentSysId, active: true, FakeItsm.GroupSysId));
        var tickets = _itsm.CreateServiceNow(o => o.CheckAssignment = false, handler: Faults.ResetOnce(FakeItsm.IncidentTable));

        var verification = await tickets.VerifyAsync(Incident, Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Verified, verification.Status);
        Assert.Equal(2, Lines().Count);
    }

    [Fact]
    public async Task VerifyAsync_RepeatedFailures_OpenTheCircuitWhichFailsFastThenOneRequestAfterTheBreakClosesIt()
    {
        var time = new FakeTimeProvider(Start);
        _itsm.Given("GET", FakeItsm.IncidentTable, 500);
        var tickets = _itsm.CreateServiceNow(
            o =>
            {
                o.MaxRetries = 0;
                o.CheckAssignment = false;
                o.CircuitFailureRatio = 0.5;
                o.CircuitMinimumThroughput = 2;
                o.BreakDuration = TimeSpan.FromSeconds(30);
            },
            time);

        var first = await tickets.VerifyAsync(Incident, Jane, CancellationToken.None);
        var second = await tickets.VerifyAsync(Incident, Jane, CancellationToken.None);
        var open = await tickets.VerifyAsync(Incident, Jane, CancellationToken.None);
        var writeBack = await Assert.ThrowsAsync<TicketSystemUnavailableException>(
            () => tickets.WriteBackAsync(new TicketReference("INC0012345", "incident", FakeItsm.IncidentSysId), Note, CancellationToken.None));

        Assert.Equal(TicketVerificationStatus.Unavailable, first.Status);
        Assert.Equal(TicketVerificationStatus.Unavailable, second.Status);
        Assert.Equal(TicketVerificationStatus.Unavailable, open.Status);
        Assert.Contains("does not call it again until 09:00:30 UTC", open.Message, StringComparison.Ordinal);
        Assert.Equal<DateTimeOffset?>(Start + TimeSpan.FromSeconds(30), writeBack.RetryAt);
        Assert.Equal(2, Lines().Count);

        _itsm.Server.ResetMappings();
        _itsm.Given("GET", FakeItsm.IncidentTable, 200, FakeItsm.ServiceNowRecord("INC0012345", FakeItsm.IncidentSysId, active: true, FakeItsm.GroupSysId));
        time.Advance(TimeSpan.FromSeconds(30));
        var recovered = await tickets.VerifyAsync(Incident, Jane, CancellationToken.None);
        var again = await tickets.VerifyAsync(Incident, Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Verified, recovered.Status);
        Assert.Equal(TicketVerificationStatus.Verified, again.Status);
        Assert.Equal(4, Lines().Count);
    }
}
