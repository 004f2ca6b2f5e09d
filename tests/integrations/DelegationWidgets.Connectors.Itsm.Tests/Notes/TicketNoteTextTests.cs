using DelegationWidgets.Connectors.Itsm.Notes;

namespace DelegationWidgets.Connectors.Itsm.Tests.Notes;

public sealed class TicketNoteTextTests
{
    private static TicketNote Note(string summary, TicketOutcome outcome = TicketOutcome.Succeeded, string? audit = null) =>
        new("chg-42", "Reset password", outcome, summary, audit, "Alex Agent");

    [Theory]
    [InlineData(TicketOutcome.Succeeded, "[DelegationWidgets change chg-42] done: Reset password")]
    [InlineData(TicketOutcome.Failed, "[DelegationWidgets change chg-42] failed: Reset password")]
    [InlineData(TicketOutcome.Rejected, "[DelegationWidgets change chg-42] rejected: Reset password")]
    public void PlainText_AnyOutcome_StartsWithTheChangeMarker(TicketOutcome outcome, string firstLine)
    {
        var text = TicketNoteText.PlainText(Note("Done.", outcome));

        Assert.Equal(firstLine, text.Split('\n')[0]);
    }

    [Fact]
    public void PlainText_NoAuditReference_LeavesTheLineOut()
    {
        Assert.Equal("[DelegationWidgets change chg-42] done: Reset password\nBy: Alex Agent\nDone.", TicketNoteText.PlainText(Note("Done.")));
    }

    [Fact]
    public void PlainText_ControlCharactersAndBlankLines_AreDropped()
    {
        var text = TicketNoteText.PlainText(Note("first\u0007 line\r\n\r\n\tsecond\u001b[31m line"));

        Assert.Equal("[DelegationWidgets change chg-42] done: Reset password\nBy: Alex Agent\nfirst line\nsecond[31m line", text);
    }

    [Fact]
    public void PlainText_HugeSummary_IsShortened()
    {
        var text = TicketNoteText.PlainText(Note(string.Join('\n', Enumerable.Repeat(new string('x', 600), 100))));

        Assert.InRange(text.Length, 2000, 2200);
        Assert.EndsWith("…", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_MarkupInAnyField_IsEncodedAndLinesAreJoinedWithBreaks()
    {
        var note = new TicketNote("chg-<1>", "Form <i>x</i>", TicketOutcome.Failed, "a & b\n<script>alert(1)</script>", "https://dw.example/audit?a=1&b=2", "Eve \"Agent\"");

        var html = TicketNoteText.Html(note);

        Assert.Equal(
            "[DelegationWidgets change chg-&lt;1&gt;] failed: Form &lt;i&gt;x&lt;/i&gt;<br>By: Eve &quot;Agent&quot;<br>a &amp; b<br>&lt;script&gt;alert(1)&lt;/script&gt;<br>Audit: https://dw.example/audit?a=1&amp;b=2",
            html);
    }
}
