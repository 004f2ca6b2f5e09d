using System.Globalization;
using System.Text;

namespace DelegationWidgets.Connectors.Http;

/// <summary>
/// The query string of a request, built from values in the order they are added (empty ones skipped). Every name and value
/// is percent-encoded (RFC 3986), so no value can end its parameter or start another. Values that the system itself parses
/// further (an OData <c>$filter</c>, a ServiceNow encoded query, a TOPdesk FIQL query) are made only of validated or quoted
/// parts first; encoding is the second guard, not the only one. Nothing the caller typed is ever spliced into the URL raw.
/// Not sealed: Graph's <c>ODataQuery</c> adds OData string literals to it.
/// </summary>
internal class QueryString
{
    private readonly StringBuilder _text = new();

    public QueryString Add(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _text.Append(_text.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return this;
    }

    public QueryString Add(string name, int value) => Add(name, value.ToString(CultureInfo.InvariantCulture));

    public override string ToString() => _text.ToString();

    /// <summary>A value as one path segment: percent-encoded, so <c>/</c>, <c>?</c>, <c>#</c> (guest accounts' <c>#EXT#</c>) and spaces stay inside it.</summary>
    public static string Segment(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Uri.EscapeDataString(value);
    }
}
