namespace DelegationWidgets.Connectors.Graph.Http;

/// <summary>
/// One request to Graph, kept as data so that each attempt sends a fresh message: the method, the path and query relative
/// to <c>Graph:BaseUrl</c>, an optional JSON body, and whether Graph may answer from its eventually consistent index
/// (<c>ConsistencyLevel: eventual</c>, needed for <c>$count</c>, <c>$orderby</c> with <c>$filter</c>, and filters on
/// relationships).
/// </summary>
internal sealed record GraphRequest(HttpMethod Method, string PathAndQuery, string? JsonBody = null, bool EventualConsistency = false)
{
    public static GraphRequest Get(string pathAndQuery) => new(HttpMethod.Get, pathAndQuery);

    public static GraphRequest GetEventual(string pathAndQuery) => new(HttpMethod.Get, pathAndQuery, EventualConsistency: true);

    /// <summary>Keeps the body (a new password) out of logs and exception messages.</summary>
    public override string ToString() => $"{Method} {PathAndQuery}";
}
