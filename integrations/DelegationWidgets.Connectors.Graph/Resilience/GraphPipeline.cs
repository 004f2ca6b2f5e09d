using DelegationWidgets.Connectors.Http;
using DelegationWidgets.Connectors.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace DelegationWidgets.Connectors.Graph.Resilience;

/// <summary>
/// Graph's <see cref="HttpPipeline"/> around every HTTP attempt to Graph and to the token endpoint: retry (outermost;
/// transient failures only, and only for requests that are safe to send again, see <see cref="IsRetrySafe"/>, exponential
/// back-off with jitter, <c>Retry-After</c> honoured), circuit breaker (opens when
/// <see cref="HttpConnectorOptions.CircuitFailureRatio"/> of the attempts within the sampling window failed
/// transiently, then fails fast for <see cref="HttpConnectorOptions.BreakDuration"/>, then lets one request through),
/// and a timeout per attempt. Graph's answers (400, 403, 404, …) are not transient: they pass through at once and never
/// count against the circuit. Its events are logged as Microsoft Graph's.
/// </summary>
internal static partial class GraphPipeline
{
    public static ResiliencePipeline<HttpResponseMessage> Create(GraphConnectorOptions options, TimeProvider timeProvider, ILogger logger) =>
        HttpPipeline.Create(
            options,
            // A request not marked safe is never sent again, whatever the failure: Graph may have acted on it.
            (retrySafe, _) => retrySafe,
            new HttpPipelineLog(
                (retry, delay, reason) => LogRetry(logger, retry, delay, reason),
                (breakDuration, reason) => LogCircuitOpened(logger, breakDuration, reason),
                () => LogCircuitClosed(logger)),
            timeProvider);

    /// <summary>
    /// Whether sending the request again can change nothing that sending it once did not:
    /// <list type="bullet">
    /// <item>GET reads.</item>
    /// <item>PATCH sets absolute values (<c>accountEnabled</c>, <c>passwordProfile</c>, <c>mail</c>): a second one writes the same values again.</item>
    /// <item>DELETE of a membership reference: if the first one landed, the second answers 404, which the connector reads as "not a member".</item>
    /// <item>POST of a membership reference (<c>…/members/$ref</c>): if the first one landed, the second answers 400 "already exist", which the
    /// connector reads as "already a member".</item>
    /// </list>
    /// Any other POST would create something and could create it twice: it is sent once. The token request is a POST too,
    /// but asking for a token changes nothing in the directory; the client marks it safe itself.
    /// </summary>
    public static bool IsRetrySafe(HttpMethod method, Uri uri)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(uri);
        return method == HttpMethod.Get
            || method == HttpMethod.Patch
            || method == HttpMethod.Delete
            || (method == HttpMethod.Post && uri.AbsolutePath.EndsWith("/$ref", StringComparison.Ordinal));
    }

    [LoggerMessage(1, LogLevel.Warning, "Microsoft Graph: retry {Retry} in {Delay} after {Reason}")]
    private static partial void LogRetry(ILogger logger, int retry, TimeSpan delay, string reason);

    [LoggerMessage(2, LogLevel.Error, "Microsoft Graph: circuit opened for {BreakDuration} after repeated failures (last: {Reason}); requests fail at once until then")]
    private static partial void LogCircuitOpened(ILogger logger, TimeSpan breakDuration, string reason);

    [LoggerMessage(3, LogLevel.Information, "Microsoft Graph: circuit closed, Graph answers again")]
    private static partial void LogCircuitClosed(ILogger logger);
}
