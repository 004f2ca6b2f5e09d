using System.Text;

namespace DelegationWidgets.Connectors.Itsm.Http;

/// <summary>
/// The query string of a request, built from values in the order they are added (empty ones skipped). Every name and value
/// is percent-encoded (RFC 3986), so no value can end its parameter or start another. Values that the system itself parses
/// further (a ServiceNow encoded query, a TOPdesk FIQL query) are made only of validated parts first; encoding is the second
/// guard, not the only one.
/// </summary>
internal sealed class TicketQuery
{
    private readonly StringBuilder _text = new();

    public TicketQuery Add(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _text.Append(_text.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return this;
    }

    public override string ToString() => _text.ToString();

    /// <summary>A value as one path segment: percent-encoded, so <c>/</c>, <c>?</c>, <c>#</c> and spaces stay inside it.</summary>
    public static string Segment(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Uri.EscapeDataString(value);
    }
}
