using System.Text.Json.Nodes;

namespace DelegationWidgets.Connectors.Itsm.Tests.Topdesk;

public sealed class TopdeskWriteBackTests : IDisposable
{
    private const string ExpectedAction =
        "[DelegationWidgets change chg-42] done: Reset password<br>"
        + "By: Alex Agent<br>"
        + "Password of &#39;emma&#39; reset.<br>"
        + "She &lt;b&gt;must&lt;/b&gt; change it &amp; sign in again.<br>"
        + "Audit: https://dw.example/audit/42";

    private static readonly TicketNote Note = new(
        "chg-42",
        "Reset password",
        TicketOutcome.Succeeded,
        "Password of 'emma' reset.\nShe <b>must</b> change it & sign in again.",
        "https://dw.example/audit/42",
        "Alex Agent");

    private static readonly TicketReference Verified = new("I 2611 123", null, FakeItsm.IncidentId);

    private readonly FakeItsm _itsm = new();

    public void Dispose() => _itsm.Dispose();

    private List<WireMock.IRequestMessage> Patches() => [.. _itsm.Requests().Where(request => request.Method == "PATCH")];

    private static string Body(string action, bool invisible) =>
        FakeItsm.JsonOf(new JsonObject { ["action"] = action, ["actionInvisibleForCaller"] = invisible }.ToJsonString());

    [Fact]
    public async Task WriteBackAsync_VerifiedIncident_PatchesOneHtmlEncodedActionHiddenFromTheCaller()
    {
        _itsm.Given("PATCH", FakeItsm.TopdeskIncidentPath, 200, FakeItsm.TopdeskIncident());
        var tickets = _itsm.CreateTopdesk();

        await tickets.WriteBackAsync(Verified, Note, CancellationToken.None);

        var patch = Assert.Single(_itsm.Requests());
        Assert.Equal("PATCH " + FakeItsm.TopdeskIncidentPath, FakeItsm.Line(patch));
        Assert.True(string.IsNullOrEmpty(patch.RawQuery));
        Assert.Equal(FakeItsm.TopdeskBasic, FakeItsm.Header(patch, "Authorization"));
        Assert.StartsWith("application/json", FakeItsm.Header(patch, "Content-Type"), StringComparison.Ordinal);
        Assert.Equal(Body(ExpectedAction, invisible: true), FakeItsm.JsonOf(patch.Body));
    }

    [Fact]
    public async Task WriteBackAsync_ActionVisibleForCaller_SaysSoInTheBody()
    {
        _itsm.Given("PATCH", FakeItsm.TopdeskIncidentPath, 200, FakeItsm.TopdeskIncident());
        var tickets = _itsm.CreateTopdesk(o => o.ActionInvisibleForCaller = false);

        await tickets.WriteBackAsync(Verified, Note, CancellationToken.None);

        Assert.Equal(Body(ExpectedAction, invisible: false), FakeItsm.JsonOf(Assert.Single(Patches()).Body));
    }

    [Fact]
    public async Task WriteBackAsync_NumberOnly_ReadsTheIncidentThenPatchesIt()
    {
        _itsm.Given("GET", FakeItsm.TopdeskNumberPath, 200, FakeItsm.TopdeskIncident());
        _itsm.Given("PATCH", FakeItsm.TopdeskIncidentPath, 200, FakeItsm.TopdeskIncident());
        var tickets = _itsm.CreateTopdesk();

        await tickets.WriteBackAsync(new TicketReference("i2611-123"), Note, CancellationToken.None);

        string[] lines = ["GET " + FakeItsm.TopdeskNumberPath, "PATCH " + FakeItsm.TopdeskIncidentPath];
        Assert.Equal(lines, _itsm.Requests().Select(FakeItsm.Line));
        Assert.Equal(Body(ExpectedAction, invisible: true), FakeItsm.JsonOf(_itsm.Requests()[1].Body));
    }

    [Fact]
    public async Task WriteBackAsync_IncidentGone_RefusedPermanentlyWithoutAPatch()
    {
        _itsm.Given("GET", FakeItsm.TopdeskNumberPath, 404, """[{"message":"The incident could not be found."}]""");
        var tickets = _itsm.CreateTopdesk();

        var error = await Assert.ThrowsAsync<TicketWriteBackRefusedException>(() => tickets.WriteBackAsync(new TicketReference("I 2611 123"), Note, CancellationToken.None));

        Assert.Equal(404, error.StatusCode);
        Assert.Empty(Patches());
    }

    [Theory]
    [InlineData("I 1; drop", null)]
    [InlineData("I 2611 123", "../../operators")]
    public async Task WriteBackAsync_HostileReference_RefusedPermanentlyWithoutAnyRequest(string number, string? id)
    {
        var tickets = _itsm.CreateTopdesk();

        var error = await Assert.ThrowsAsync<TicketWriteBackRefusedException>(() => tickets.WriteBackAsync(new TicketReference(number, null, id), Note, CancellationToken.None));

        Assert.Null(error.StatusCode);
        Assert.Empty(_itsm.Requests());
    }

    [Fact]
    public async Task WriteBackAsync_Forbidden_RefusedPermanentlyAfterOneAttempt()
    {
        _itsm.Given("PATCH", FakeItsm.TopdeskIncidentPath, 403, """[{"message":"No write permission for this incident."}]""");
        var tickets = _itsm.CreateTopdesk();

        var error = await Assert.ThrowsAsync<TicketWriteBackRefusedException>(() => tickets.WriteBackAsync(Verified, Note, CancellationToken.None));

        Assert.Equal(403, error.StatusCode);
        Assert.Contains("No write permission for this incident.", error.Message, StringComparison.Ordinal);
        Assert.Single(Patches());
    }

    [Fact]
    public async Task WriteBackAsync_PatchOutlastsTheTimeout_NotSentAgainAndTransient()
    {
        _itsm.GivenSlowOnce("PATCH", FakeItsm.TopdeskIncidentPath, TimeSpan.FromSeconds(3), 200, FakeItsm.TopdeskIncident());
        var tickets = _itsm.CreateTopdesk(o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(500);
            o.MaxRetries = 3;
        });

        var error = await Assert.ThrowsAsync<TicketSystemUnavailableException>(() => tickets.WriteBackAsync(Verified, Note, CancellationToken.None));
        await _itsm.WaitForRequestsAsync(1);
        await Task.Delay(TimeSpan.FromMilliseconds(200));

        // A second attempt would have been answered at once and succeeded; the exception and the single PATCH show there was none.
        Assert.Contains("TOPdesk is unavailable: no answer within 0.5 s", error.Message, StringComparison.Ordinal);
        Assert.Single(Patches());
    }

    [Fact]
    public async Task WriteBackAsync_ConnectionResetAfterSending_NotSentAgainAndTransient()
    {
        _itsm.Given("PATCH", FakeItsm.TopdeskIncidentPath, 200, FakeItsm.TopdeskIncident());
        var tickets = _itsm.CreateTopdesk(o => o.MaxRetries = 3, handler: Faults.ResetOnce(FakeItsm.TopdeskIncidentPath));

        await Assert.ThrowsAsync<TicketSystemUnavailableException>(() => tickets.WriteBackAsync(Verified, Note, CancellationToken.None));

        Assert.Single(Patches());
    }

    [Fact]
    public async Task WriteBackAsync_LoginRefused_TransientSoTheHostTriesAgainLater()
    {
        _itsm.Given("PATCH", FakeItsm.TopdeskIncidentPath, 401, """[{"message":"Application password is expired."}]""");
        var tickets = _itsm.CreateTopdesk();

        var error = await Assert.ThrowsAsync<TicketSystemUnavailableException>(() => tickets.WriteBackAsync(Verified, Note, CancellationToken.None));

        Assert.Contains("Tickets:Topdesk:LoginName and ApplicationPassword", error.Message, StringComparison.Ordinal);
        Assert.Single(Patches());
    }
}
