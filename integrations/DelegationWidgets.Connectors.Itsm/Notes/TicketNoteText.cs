using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace DelegationWidgets.Connectors.Itsm.Notes;

/// <summary>
/// The text of a note, the same for every system:
/// <code>
/// [DelegationWidgets change 3f2a…] done: Reset password
/// By: Alex Agent
/// Password of 'emma' reset; she must change it at the next sign-in.
/// Audit: https://dw.example/api/v1/audit?ticket=INC0012345
/// </code>
/// The change id comes first: a write-back the host sent again after its answer was lost shows up as a second note with
/// the same marker, which a person can recognise (the connector does not read the journal back to de-duplicate). Control
/// characters are dropped and every field is shortened, so a summary cannot flood a ticket. ServiceNow gets plain text with
/// its <c>[code]</c> markup defused; TOPdesk, whose actions are HTML, gets every line HTML-encoded and joined with <c>&lt;br&gt;</c>.
/// </summary>
internal static partial class TicketNoteText
{
    private const int MaximumFieldLength = 200;
    private const int MaximumSummaryLength = 2000;
    private const int MaximumSummaryLines = 30;
    private static readonly string[] LineBreaks = ["\r\n", "\n", "\r"];

    /// <summary>The marker a note starts with: <c>[DelegationWidgets change {id}]</c>.</summary>
    public static string Marker(string changeId) => $"[DelegationWidgets change {Clean(changeId, 100)}]";

    public static IReadOnlyList<string> Lines(TicketNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var lines = new List<string>
        {
            $"{Marker(note.ChangeId)} {Word(note.Outcome)}: {Clean(note.FormTitle, MaximumFieldLength)}",
            $"By: {Clean(note.ActorName, MaximumFieldLength)}",
        };

        var budget = MaximumSummaryLength;
        foreach (var line in (note.Summary ?? "").Split(LineBreaks, StringSplitOptions.None).Take(MaximumSummaryLines))
        {
            var text = Clean(line, budget);
            if (text.Length > 0)
            {
                lines.Add(text);
                budget -= text.Length;
            }

            if (budget <= 0)
            {
                break;
            }
        }

        if (!string.IsNullOrWhiteSpace(note.AuditReference))
        {
            lines.Add($"Audit: {Clean(note.AuditReference, 500)}");
        }

        return lines;
    }

    /// <summary>
    /// Plain text for a ServiceNow work note. ServiceNow renders what stands between <c>[code]</c> and <c>[/code]</c> in a
    /// journal field as HTML (when the instance allows code tags), so those tags are broken up: <c>[ code]</c>.
    /// </summary>
    public static string PlainText(TicketNote note) => CodeTag().Replace(string.Join('\n', Lines(note)), "[$1 code]");

    /// <summary>HTML for a TOPdesk action: each line HTML-encoded (TOPdesk renders tags in actions), lines joined with <c>&lt;br&gt;</c>.</summary>
    public static string Html(TicketNote note) => string.Join("<br>", Lines(note).Select(line => WebUtility.HtmlEncode(line)));

    private static string Word(TicketOutcome outcome) => outcome switch
    {
        TicketOutcome.Succeeded => "done",
        TicketOutcome.Failed => "failed",
        TicketOutcome.Rejected => "rejected",
        _ => "ended",
    };

    /// <summary>The text without control characters (tabs become spaces), trimmed, at most <paramref name="length"/> characters.</summary>
    private static string Clean(string? text, int length)
    {
        if (string.IsNullOrEmpty(text) || length <= 0)
        {
            return "";
        }

        var clean = new StringBuilder(Math.Min(text.Length, length + 1));
        foreach (var c in text)
        {
            if (c == '\t')
            {
                clean.Append(' ');
            }
            else if (!char.IsControl(c))
            {
                clean.Append(c);
            }
        }

        var result = clean.ToString().Trim();
        return result.Length <= length ? result : result[..(length - 1)] + "…";
    }

    [GeneratedRegex(@"\[(/?)code\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex CodeTag();
}
