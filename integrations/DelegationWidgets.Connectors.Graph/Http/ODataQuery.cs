using DelegationWidgets.Connectors.Http;

namespace DelegationWidgets.Connectors.Graph.Http;

/// <summary>
/// The query string of a Graph request: a <see cref="QueryString"/> (every name and value percent-encoded, empty values
/// skipped) whose string literals inside <c>$filter</c> go through <see cref="Literal"/> first. Nothing the caller typed is
/// ever spliced into the URL raw.
/// </summary>
internal sealed class ODataQuery : QueryString
{
    /// <summary>An OData string literal: the value in single quotes, each single quote in it doubled (<c>O'Brien</c> → <c>'O''Brien'</c>).</summary>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}
