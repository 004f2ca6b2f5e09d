using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace DelegationWidgets.Connectors.Itsm.Resilience;

/// <summary>
/// The Polly pipeline around every HTTP attempt to one ticket system (and, for ServiceNow OAuth, its token endpoint): retry
/// (outermost), circuit breaker, and a timeout per attempt. Each system has its own pipeline, so a TOPdesk that is down does
/// not open ServiceNow's circuit.
/// <list type="bullet">
/// <item>Retried, with exponential back-off and jitter (<c>Retry-After</c> honoured up to <see cref="MaximumRetryAfter"/>):
/// connection failures, attempts that timed out, and 408, 429, 500, 502, 503, 504 — but only for requests marked
/// <see cref="RetrySafe"/> (reads, the token request).</item>
/// <item>A request that is not safe to repeat (the PATCH that appends a work note or an action: every PATCH that lands adds
/// another note) is sent again only when the system certainly did not get it: the connection could not be made
/// (<see cref="WasNotSent"/>) or the system answered 429 (throttled before processing). A timeout after sending, a reset
/// connection or a 5xx is ambiguous: it is not retried here; it fails as <see cref="TicketSystemUnavailableException"/> and
/// the host retries the write-back later.</item>
/// <item>The circuit opens when <see cref="TicketSystemOptions.CircuitFailureRatio"/> of the attempts within the sampling
/// window failed transiently, then fails every request at once for <see cref="TicketSystemOptions.BreakDuration"/>, then
/// lets one request through. The system's answers (400, 401, 403, 404, …) are not transient: they pass through at once and
/// never count against the circuit.</item>
/// </list>
/// Time comes from the <see cref="TimeProvider"/>, so tests can move it.
/// </summary>
internal static partial class TicketPipeline
{
    /// <summary>Set on the context of each request: whether it may be sent again after an ambiguous failure.</summary>
    public static readonly ResiliencePropertyKey<bool> RetrySafe = new("DelegationWidgets.Connectors.Itsm.RetrySafe");

    /// <summary>A <c>Retry-After</c> longer than this is not waited for: the request fails as unavailable instead of holding its caller.</summary>
    public static readonly TimeSpan MaximumRetryAfter = TimeSpan.FromSeconds(30);

    public static ResiliencePipeline<HttpResponseMessage> Create(string service, TicketSystemOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(
                    IsTransient(args.Outcome)
                    && (args.Context.Properties.GetValue(RetrySafe, false) || WasNotSent(args.Outcome))
                    && !(RetryAfter(args.Outcome.Result, timeProvider) > MaximumRetryAfter)),
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, timeProvider)),
                OnRetry = args =>
                {
                    if (logger.IsEnabled(LogLevel.Warning))
                    {
                        LogRetry(logger, service, args.AttemptNumber + 1, args.RetryDelay, Describe(args.Outcome));
                    }

                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                FailureRatio = options.CircuitFailureRatio,
                MinimumThroughput = options.CircuitMinimumThroughput,
                SamplingDuration = options.CircuitSamplingDuration,
                BreakDuration = options.BreakDuration,
                OnOpened = args =>
                {
                    if (logger.IsEnabled(LogLevel.Error))
                    {
                        LogCircuitOpened(logger, service, args.BreakDuration, Describe(args.Outcome));
                    }

                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    LogCircuitClosed(logger, service);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.RequestTimeout)
            .Build();
    }

    /// <summary>A connection failure (reset, refused, name not resolved), an attempt that timed out, or a transient status.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || (outcome.Exception is null && outcome.Result is { } response && IsTransient(response.StatusCode));

    /// <summary>408, 429 (throttled), 500, 502, 503 and 504: asking again later may succeed.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

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

    /// <summary>Whether the exception means the system could not be reached after the retries, or the circuit is open.</summary>
    public static bool IsUnavailable(Exception exception) =>
        exception is HttpRequestException or TimeoutRejectedException or BrokenCircuitException;

    /// <summary>The wait the answer asks for with <c>Retry-After</c> (seconds or a date), if any.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var header = response?.Headers.RetryAfter;
        var wait = header?.Delta;
        if (wait is null && header?.Date is { } date)
        {
            wait = date - timeProvider.GetUtcNow();
        }

        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception?.GetType().Name ?? (outcome.Result is { } response ? $"HTTP {(int)response.StatusCode}" : "no answer");

    [LoggerMessage(1, LogLevel.Warning, "{Service}: retry {Retry} in {Delay} after {Reason}")]
    private static partial void LogRetry(ILogger logger, string service, int retry, TimeSpan delay, string reason);

    [LoggerMessage(2, LogLevel.Error, "{Service}: circuit opened for {BreakDuration} after repeated failures (last: {Reason}); requests fail at once until then")]
    private static partial void LogCircuitOpened(ILogger logger, string service, TimeSpan breakDuration, string reason);

    [LoggerMessage(3, LogLevel.Information, "{Service}: circuit closed, the system answers again")]
    private static partial void LogCircuitClosed(ILogger logger, string service);
}
