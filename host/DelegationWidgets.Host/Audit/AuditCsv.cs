using System.Globalization;
using System.Text;

namespace DelegationWidgets.Host.Audit;

/// <summary>
/// CSV rows of the audit trail (RFC 4180 quoting). A cell that a spreadsheet would read as a formula (it starts
/// with = + - @, a tab or a carriage return) is prefixed with an apostrophe, so an export cannot run code.
/// </summary>
internal static class AuditCsv
{
    public static readonly string[] Header =
    [
        "sequence", "id", "occurredAt", "type", "actorSubject", "actorName", "actorIssuer", "actorRoles", "via", "address",
        "form", "formVersion", "target", "changeId", "reason", "ticket", "outcome", "detail", "changes", "correlationId", "previousHash", "hash",
    ];

    public static string Row(AuditRecord r) => string.Join(',', new[]
    {
        r.Sequence.ToString(CultureInfo.InvariantCulture), r.Id, r.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture), r.Type,
        r.ActorSubject, r.ActorName, r.ActorIssuer, r.ActorRoles, r.Via, r.Address, r.FormId, r.FormVersion?.ToString(CultureInfo.InvariantCulture),
        r.TargetId, r.ChangeId, r.Reason, r.Ticket, r.Outcome, r.Detail, r.ChangesJson, r.CorrelationId, r.PreviousHash, r.Hash,
    }.Select(Cell));

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        if (value.IndexOfAny([',', '"', '\n', '\r']) < 0)
        {
            return value;
        }

        var quoted = new StringBuilder(value.Length + 2).Append('"');
        quoted.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        return quoted.Append('"').ToString();
    }
}
