using Microsoft.Extensions.Time.Testing;

namespace DelegationWidgets.Connectors.Itsm.Tests.Topdesk;

public sealed class TopdeskResilienceTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);
    private static readonly TicketCaller Jane = new("jane.doe");
    private static readonly TicketReference Incident = new("I 2611 123");

    private readonly FakeItsm _itsm = new();

    public void Dispose() => _itsm.Dispose();

    private List<string> Lines() => [.. _itsm.Requests().Select(FakeItsm.Line)];

    [Fact]
    public async Task VerifyAsync_500ThenOk_SendsTheSameReadOnceMore()
    {
        _itsm.GivenSequence(
            "GET",
            FakeItsm.TopdeskNumberPath,
            FakeItsm.Answer(500, """[{"message":"Internal server error"}]"""),
            FakeItsm.Answer(200, FakeItsm.TopdeskIncident()));
        var tickets = _itsm.CreateTopdesk(o => o.CheckAssignment = false);

        var verification = await tickets.VerifyAsync(Incident, Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Verified, verification.Status);
        string[] lines = ["GET " + FakeItsm.TopdeskNumberPath, "GET " + FakeItsm.TopdeskNumberPath];
        Assert.Equal(lines, Lines());
        var requests = _itsm.Requests();
        Assert.Equal(FakeItsm.Header(requests[0], "Authorization"), FakeItsm.Header(requests[1], "Authorization"));
    }

    [Fact]
    public async Task VerifyAsync_503WithLongRetryAfter_UnavailableAtOnceWithoutWaiting()
    {
        _itsm.GivenSequence(
            "GET",
            FakeItsm.TopdeskNumberPath,
            WireMock.ResponseBuilders.Response.Create().WithStatusCode(503).WithHeader("Retry-After", "120"),
            FakeItsm.Answer(200, FakeItsm.TopdeskIncident()));
        var tickets = _itsm.CreateTopdesk(o => o.CheckAssignment = false);

        var verification = await tickets.VerifyAsync(Incident, Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Unavailable, verification.Status);
        Assert.Contains("503", verification.Message, StringComparison.Ordinal);
        Assert.Single(_itsm.Requests());
    }

    [Fact]
    public async Task VerifyAsync_RepeatedFailures_OpenTheCircuitWhichFailsFastThenOneRequestAfterTheBreakClosesIt()
    {
        var time = new FakeTimeProvider(Start);
        _itsm.Given("GET", FakeItsm.TopdeskNumberPath, 502);
        var tickets = _itsm.CreateTopdesk(
            o =>
            {
                o.MaxRetries = 0;
                o.CheckAssignment = false;
                o.CircuitFailureRatio = 0.5;
                o.CircuitMinimumThroughput = 2;
                o.BreakDuration = TimeSpan.FromSeconds(30);
            },
            time);

        await tickets.VerifyAsync(Incident, Jane, CancellationToken.None);
        await tickets.VerifyAsync(Incident, Jane, CancellationToken.None);
        var open = await tickets.VerifyAsync(Incident, Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Unavailable, open.Status);
        Assert.Contains("TOPdesk is unavailable: it failed repeatedly, so the connector does not call it again until 09:00:30 UTC.", open.Message, StringComparison.Ordinal);
        Assert.Equal(2, Lines().Count);

        _itsm.Server.ResetMappings();
        _itsm.Given("GET", FakeItsm.TopdeskNumberPath, 200, FakeItsm.TopdeskIncident());
        time.Advance(TimeSpan.FromSeconds(30));
        var recovered = await tickets.VerifyAsync(Incident, Jane, CancellationToken.None);

        Assert.Equal(TicketVerificationStatus.Verified, recovered.Status);
        Assert.Equal(3, Lines().Count);
    }

    [Fact]
    public async Task Systems_EachHasItsOwnCircuit_ServiceNowStillAnswersWhileTopdesksIsOpen()
    {
        var time = new FakeTimeProvider(Start);
        _itsm.Given("GET", FakeItsm.TopdeskNumberPath, 500);
        _itsm.Given("GET", FakeItsm.IncidentTable, 200, FakeItsm.ServiceNowRecord("INC0012345", FakeItsm.IncidentSysId, active: true, FakeItsm.GroupSysId));
        void Configure(TicketSystemOptions o)
        {
            o.MaxRetries = 0;
            o.CheckAssignment = false;
            o.CircuitMinimumThroughput = 2;
        }

        var topdesk = _itsm.CreateTopdesk(Configure, time);
        var serviceNow = _itsm.CreateServiceNow(Configure, time);

        await topdesk.VerifyAsync(Incident, Jane, CancellationToken.None);
        await topdesk.VerifyAsync(Incident, Jane, CancellationToken.None);
        var open = await topdesk.VerifyAsync(Incident, Jane, CancellationToken.None);
        var serviceNowVerification = await serviceNow.VerifyAsync(new TicketReference("INC0012345"), Jane, CancellationToken.None);

        Assert.Contains("failed repeatedly", open.Message, StringComparison.Ordinal);
        Assert.Equal(TicketVerificationStatus.Verified, serviceNowVerification.Status);
    }
}
