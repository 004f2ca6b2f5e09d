using System.Globalization;
using System.Text;

namespace DelegationWidgets.Connectors.Graph.Http;

/// <summary>
/// The query string of a Graph request, built from values in the order they are added (empty ones skipped). Every name and
/// value is percent-encoded (RFC 3986), so no value can end its parameter or start another; string literals inside
/// <c>$filter</c> go through <see cref="Literal"/> first. Nothing the caller typed is ever spliced into the URL raw.
/// </summary>
internal sealed class ODataQuery
{
    private readonly StringBuilder _text = new();

    public ODataQuery Add(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _text.Append(_text.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return this;
    }

    public ODataQuery Add(string name, int value) => Add(name, value.ToString(CultureInfo.InvariantCulture));

    public override string ToString() => _text.ToString();

    /// <summary>An OData string literal: the value in single quotes, each single quote in it doubled (<c>O'Brien</c> → <c>'O''Brien'</c>).</summary>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>An id as one path segment: percent-encoded, so <c>/</c>, <c>?</c> and <c>#</c> (guest accounts' <c>#EXT#</c>) stay inside it.</summary>
    public static string Segment(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Uri.EscapeDataString(id);
    }
}
