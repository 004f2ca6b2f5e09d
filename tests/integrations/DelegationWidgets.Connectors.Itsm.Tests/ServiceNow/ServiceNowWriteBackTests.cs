using System.Text.Json.Nodes;

namespace DelegationWidgets.Connectors.Itsm.Tests.ServiceNow;

public sealed class ServiceNowWriteBackTests : IDisposable
{
    private const string RecordPath = FakeItsm.IncidentTable + "/" + FakeItsm.IncidentSysId;

    private const string NoteText =
        "[DelegationWidgets change chg-42] done: Reset password\n"
        + "By: Alex Agent\n"
        + "Password of 'emma' reset.\n"
        + "She must change it at the next sign-in.\n"
        + "Audit: https://dw.example/api/v1/audit?ticket=INC0012345";

    private static readonly TicketNote Note = new(
        "chg-42",
        "Reset password",
        TicketOutcome.Succeeded,
        "Password of 'emma' reset.\r\nShe must change it at the next sign-in.",
        "https://dw.example/api/v1/audit?ticket=INC0012345",
        "Alex Agent");

    private static readonly TicketReference Verified = new("INC0012345", "incident", FakeItsm.IncidentSysId);

    private readonly FakeItsm _itsm = new();

    public void Dispose() => _itsm.Dispose();

    private List<SentPatch> Patches() =>
        [.. _itsm.Requests().Where(request => request.Method == "PATCH").Select(request => new SentPatch(FakeItsm.Line(request), request.Body))];

    [Fact]
    public async Task WriteBackAsync_VerifiedTicket_PatchesTheWorkNoteOnceWithTheExactBody()
    {
        _itsm.Given("PATCH", RecordPath, 200, """{"result":{"sys_id":"9d385017c611228701d22104cc95c371"}}""");
        var tickets = _itsm.CreateServiceNow();

        await tickets.WriteBackAsync(Verified, Note, CancellationToken.None);

        var patch = Assert.Single(_itsm.Requests());
        Assert.Equal("PATCH " + RecordPath, FakeItsm.Line(patch));
        Assert.True(string.IsNullOrEmpty(patch.RawQuery));
        Assert.Equal(FakeItsm.ServiceNowBasic, FakeItsm.Header(patch, "Authorization"));
        Assert.StartsWith("application/json", FakeItsm.Header(patch, "Content-Type"), StringComparison.Ordinal);
        Assert.Equal(FakeItsm.JsonOf(new JsonObject { ["work_notes"] = NoteText }.ToJsonString()), FakeItsm.JsonOf(patch.Body));
    }

    [Fact]
    public async Task WriteBackAsync_NumberOnly_ReadsTheRecordThenPatchesIt()
    {
        _itsm.Given("GET", FakeItsm.IncidentTable, 200, FakeItsm.ServiceNowRecord("INC0012345", FakeItsm.IncidentSysId, active: true, FakeItsm.GroupSysId));
        _itsm.Given("PATCH", RecordPath, 200, """{"result":{}}""");
        var tickets = _itsm.CreateServiceNow();

        await tickets.WriteBackAsync(new TicketReference("inc0012345"), Note, CancellationToken.None);

        string[] lines = ["GET " + FakeItsm.IncidentTable, "PATCH " + RecordPath];
        Assert.Equal(lines, _itsm.Requests().Select(FakeItsm.Line));
        Assert.Equal(FakeItsm.JsonOf(new JsonObject { ["work_notes"] = NoteText }.ToJsonString()), FakeItsm.JsonOf(_itsm.Requests()[1].Body));
    }

    [Fact]
    public async Task WriteBackAsync_TicketGone_RefusedPermanentlyWithoutAPatch()
    {
        _itsm.Given("GET", FakeItsm.IncidentTable, 200, FakeItsm.ServiceNowNothing);
        var tickets = _itsm.CreateServiceNow();

        var error = await Assert.ThrowsAsync<TicketWriteBackRefusedException>(() => tickets.WriteBackAsync(new TicketReference("INC0012345"), Note, CancellationToken.None));

        Assert.Equal(404, error.StatusCode);
        Assert.Contains("chg-42", error.Message, StringComparison.Ordinal);
        Assert.Empty(Patches());
    }

    [Theory]
    [InlineData("INC1^ORactive=true")]
    [InlineData("../x")]
    [InlineData("I 1; drop")]
    public async Task WriteBackAsync_HostileNumber_RefusedPermanentlyWithoutAnyRequest(string number)
    {
        var tickets = _itsm.CreateServiceNow();

        var error = await Assert.ThrowsAsync<TicketWriteBackRefusedException>(() => tickets.WriteBackAsync(new TicketReference(number), Note, CancellationToken.None));

        Assert.Null(error.StatusCode);
        Assert.Empty(_itsm.Requests());
    }

    [Fact]
    public async Task WriteBackAsync_Forbidden_RefusedPermanentlyAfterOneAttempt()
    {
        _itsm.Given("PATCH", RecordPath, 403, """{"error":{"message":"Operation Failed","detail":"ACL Exception Update Failed due to security constraints"},"status":"failure"}""");
        var tickets = _itsm.CreateServiceNow();

        var error = await Assert.ThrowsAsync<TicketWriteBackRefusedException>(() => tickets.WriteBackAsync(Verified, Note, CancellationToken.None));

        Assert.Equal(403, error.StatusCode);
        Assert.Contains("ACL Exception Update Failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("incident.work_notes", error.Message, StringComparison.Ordinal);
        Assert.Single(Patches());
    }

    [Fact]
    public async Task WriteBackAsync_PatchOutlastsTheTimeout_NotSentAgainAndTransient()
    {
        _itsm.GivenSlowOnce("PATCH", RecordPath, TimeSpan.FromSeconds(3), 200, """{"result":{}}""");
        var tickets = _itsm.CreateServiceNow(o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(500);
            o.MaxRetries = 3;
        });

        var error = await Assert.ThrowsAsync<TicketSystemUnavailableException>(() => tickets.WriteBackAsync(Verified, Note, CancellationToken.None));
        await _itsm.WaitForRequestsAsync(1);
        await Task.Delay(TimeSpan.FromMilliseconds(200));

        // A second attempt would have been answered at once and succeeded; the exception and the single PATCH show there was none.
        Assert.Contains("no answer within 0.5 s", error.Message, StringComparison.Ordinal);
        Assert.Single(Patches());
    }

    [Fact]
    public async Task WriteBackAsync_PatchAnswers500_NotSentAgainAndTransient()
    {
        _itsm.GivenSequence("PATCH", RecordPath, FakeItsm.Answer(500), FakeItsm.Answer(200, """{"result":{}}"""));
        var tickets = _itsm.CreateServiceNow(o => o.MaxRetries = 3);

        var error = await Assert.ThrowsAsync<TicketSystemUnavailableException>(() => tickets.WriteBackAsync(Verified, Note, CancellationToken.None));

        Assert.Contains("500", error.Message, StringComparison.Ordinal);
        Assert.Single(Patches());
    }

    [Fact]
    public async Task WriteBackAsync_ConnectionResetAfterSending_NotSentAgainAndTransient()
    {
        _itsm.Given("PATCH", RecordPath, 200, """{"result":{}}""");
        var tickets = _itsm.CreateServiceNow(o => o.MaxRetries = 3, handler: Faults.ResetOnce(RecordPath));

        await Assert.ThrowsAsync<TicketSystemUnavailableException>(() => tickets.WriteBackAsync(Verified, Note, CancellationToken.None));

        Assert.Single(Patches());
    }

    [Fact]
    public async Task WriteBackAsync_Throttled429_SentAgainBecauseServiceNowDidNotProcessIt()
    {
        _itsm.GivenSequence("PATCH", RecordPath, FakeItsm.Answer(429), FakeItsm.Answer(200, """{"result":{}}"""));
        var tickets = _itsm.CreateServiceNow();

        await tickets.WriteBackAsync(Verified, Note, CancellationToken.None);

        var patches = Patches();
        Assert.Equal(2, patches.Count);
        Assert.Equal(patches[0], patches[1]);
    }

    [Fact]
    public async Task WriteBackAsync_SummaryWithCodeTags_CodeTagsAreBrokenUp()
    {
        _itsm.Given("PATCH", RecordPath, 200, """{"result":{}}""");
        var tickets = _itsm.CreateServiceNow();
        var note = Note with { Summary = "[code]<img src=x onerror=alert(1)>[/CODE]" };

        await tickets.WriteBackAsync(Verified, note, CancellationToken.None);

        var text = JsonNode.Parse(Assert.Single(Patches()).Body!)?["work_notes"]?.GetValue<string>();
        Assert.NotNull(text);
        Assert.DoesNotContain("[code]", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("[ code]<img src=x onerror=alert(1)>[/ code]", text, StringComparison.Ordinal);
    }

    private sealed record SentPatch(string Line, string? Body);
}
