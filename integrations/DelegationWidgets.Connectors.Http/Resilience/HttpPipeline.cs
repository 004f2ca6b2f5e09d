using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace DelegationWidgets.Connectors.Http.Resilience;

/// <summary>
/// The Polly pipeline around every HTTP attempt of a connector to one system: retry (outermost), circuit breaker, and a
/// timeout per attempt.
/// <list type="bullet">
/// <item>Retried, with exponential back-off and jitter (<c>Retry-After</c> honoured up to <see cref="MaximumRetryAfter"/>):
/// connection failures, attempts that timed out, and 408, 429, 500, 502, 503, 504, but only where the connector's
/// <c>mayRepeat</c> says so. The connectors differ in which requests are safe to send again, so that decision is theirs:
/// it gets whether the request was marked <see cref="RetrySafe"/> and how the attempt failed.</item>
/// <item>The circuit opens when <see cref="HttpConnectorOptions.CircuitFailureRatio"/> of the attempts within the sampling
/// window failed transiently, then fails every request at once for <see cref="HttpConnectorOptions.BreakDuration"/>, then
/// lets one request through. The system's answers (400, 401, 403, 404, …) are not transient: they pass through at once and
/// never count against the circuit.</item>
/// </list>
/// Time comes from the <see cref="TimeProvider"/>, so tests can move it.
/// </summary>
internal static class HttpPipeline
{
    /// <summary>Set on the context of each request (see <see cref="ConnectorHttp"/>): whether its sender marked it safe to send again.</summary>
    public static readonly ResiliencePropertyKey<bool> RetrySafe = new("DelegationWidgets.Connectors.Http.RetrySafe");

    /// <summary>A <c>Retry-After</c> longer than this is not waited for: the request fails as unavailable instead of holding its caller.</summary>
    public static readonly TimeSpan MaximumRetryAfter = TimeSpan.FromSeconds(30);

    /// <param name="mayRepeat">
    /// Whether a request that failed transiently may be sent again, from whether it was marked <see cref="RetrySafe"/> and
    /// the failed attempt's outcome.
    /// </param>
    /// <param name="log">How the connector logs a retry and the circuit opening and closing.</param>
    public static ResiliencePipeline<HttpResponseMessage> Create(
        HttpConnectorOptions options,
        Func<bool, Outcome<HttpResponseMessage>, bool> mayRepeat,
        HttpPipelineLog log,
        TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(mayRepeat);
        ArgumentNullException.ThrowIfNull(log);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(
                    IsTransient(args.Outcome)
                    && mayRepeat(args.Context.Properties.GetValue(RetrySafe, false), args.Outcome)
                    && !(RetryAfter(args.Outcome.Result, timeProvider) > MaximumRetryAfter)),
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, timeProvider)),
                OnRetry = args =>
                {
                    log.Retry(args.AttemptNumber + 1, args.RetryDelay, Describe(args.Outcome));
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
                    log.CircuitOpened(args.BreakDuration, Describe(args.Outcome));
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    log.CircuitClosed();
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
}
