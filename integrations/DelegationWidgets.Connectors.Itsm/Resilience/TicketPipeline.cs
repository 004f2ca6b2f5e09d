using System.Net;
using DelegationWidgets.Connectors.Http;
using DelegationWidgets.Connectors.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace DelegationWidgets.Connectors.Itsm.Resilience;

/// <summary>
/// A ticket system's <see cref="HttpPipeline"/> around every HTTP attempt to it (and, for ServiceNow OAuth, its token
/// endpoint): retry (outermost), circuit breaker, and a timeout per attempt. Each system has its own pipeline, so a TOPdesk
/// that is down does not open ServiceNow's circuit.
/// <list type="bullet">
/// <item>Retried, with exponential back-off and jitter (<c>Retry-After</c> honoured up to
/// <see cref="HttpPipeline.MaximumRetryAfter"/>): connection failures, attempts that timed out, and 408, 429, 500, 502, 503,
/// 504, for requests marked retry-safe (reads, the token request).</item>
/// <item>A request that is not safe to repeat (the PATCH that appends a work note or an action: every PATCH that lands adds
/// another note) is sent again only when the system certainly did not get it: the connection could not be made
/// (<see cref="WasNotSent"/>) or the system answered 429 (throttled before processing). A timeout after sending, a reset
/// connection or a 5xx is ambiguous: it is not retried here; it fails as <see cref="TicketSystemUnavailableException"/> and
/// the host retries the write-back later.</item>
/// <item>The circuit opens when <see cref="HttpConnectorOptions.CircuitFailureRatio"/> of the attempts within the sampling
/// window failed transiently, then fails every request at once for <see cref="HttpConnectorOptions.BreakDuration"/>, then
/// lets one request through. The system's answers (400, 401, 403, 404, …) are not transient: they pass through at once and
/// never count against the circuit.</item>
/// </list>
/// Its events are logged with the system's name.
/// </summary>
internal static partial class TicketPipeline
{
    public static ResiliencePipeline<HttpResponseMessage> Create(string service, TicketSystemOptions options, TimeProvider timeProvider, ILogger logger) =>
        HttpPipeline.Create(
            options,
            (retrySafe, outcome) => retrySafe || WasNotSent(outcome),
            new HttpPipelineLog(
                (retry, delay, reason) => LogRetry(logger, service, retry, delay, reason),
                (breakDuration, reason) => LogCircuitOpened(logger, service, breakDuration, reason),
                () => LogCircuitClosed(logger, service)),
            timeProvider);

    /// <summary>
    /// Whether the system certainly did not process the request: the host name did not resolve, no connection (or no TLS
    /// session) could be made, so nothing was sent; or the system answered 429, refusing it before processing. Anything else
    /// (a timeout, a connection reset after sending, a 5xx) may have come after the system acted on it.
    /// </summary>
    public static bool WasNotSent(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException
        {
            HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError,
        }
        || (outcome.Exception is null && outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests);

    [LoggerMessage(1, LogLevel.Warning, "{Service}: retry {Retry} in {Delay} after {Reason}")]
    private static partial void LogRetry(ILogger logger, string service, int retry, TimeSpan delay, string reason);

    [LoggerMessage(2, LogLevel.Error, "{Service}: circuit opened for {BreakDuration} after repeated failures (last: {Reason}); requests fail at once until then")]
    private static partial void LogCircuitOpened(ILogger logger, string service, TimeSpan breakDuration, string reason);

    [LoggerMessage(3, LogLevel.Information, "{Service}: circuit closed, the system answers again")]
    private static partial void LogCircuitClosed(ILogger logger, string service);
}
