using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace DelegationWidgets.Connectors.Graph.Resilience;

/// <summary>
/// The Polly pipeline around every HTTP attempt to Graph and to the token endpoint: retry (outermost; transient failures
/// only, and only for requests that are safe to send again, exponential back-off with jitter, <c>Retry-After</c> honoured),
/// circuit breaker (opens when <see cref="GraphConnectorOptions.CircuitFailureRatio"/> of the attempts within the sampling
/// window failed transiently, then fails fast for <see cref="GraphConnectorOptions.BreakDuration"/>, then lets one request
/// through), and a timeout per attempt. Graph's answers (400, 403, 404, …) are not transient: they pass through at once
/// and never count against the circuit. Time comes from the <see cref="TimeProvider"/>, so tests can move it.
/// </summary>
internal static partial class GraphPipeline
{
    /// <summary>Set on the context of each request: whether it may be sent again (see <see cref="IsRetrySafe"/>).</summary>
    public static readonly ResiliencePropertyKey<bool> RetrySafe = new("DelegationWidgets.Connectors.Graph.RetrySafe");

    /// <summary>A <c>Retry-After</c> longer than this is not waited for: the request fails as unavailable instead of holding its caller.</summary>
    public static readonly TimeSpan MaximumRetryAfter = TimeSpan.FromSeconds(30);

    public static ResiliencePipeline<HttpResponseMessage> Create(GraphConnectorOptions options, TimeProvider timeProvider, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Context.Properties.GetValue(RetrySafe, false)
                    && IsTransient(args.Outcome)
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
                        LogRetry(logger, args.AttemptNumber + 1, args.RetryDelay, Describe(args.Outcome));
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
                        LogCircuitOpened(logger, args.BreakDuration, Describe(args.Outcome));
                    }

                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    LogCircuitClosed(logger);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.RequestTimeout)
            .Build();
    }

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

    /// <summary>A connection failure (reset, refused, name not resolved), an attempt that timed out, or a transient status.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || (outcome.Exception is null && outcome.Result is { } response && IsTransient(response.StatusCode));

    /// <summary>408, 429 (throttled), 500, 502, 503 and 504: asking again later may succeed.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>Whether the exception means Graph could not be reached after the retries, or the circuit is open.</summary>
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

    [LoggerMessage(1, LogLevel.Warning, "Microsoft Graph: retry {Retry} in {Delay} after {Reason}")]
    private static partial void LogRetry(ILogger logger, int retry, TimeSpan delay, string reason);

    [LoggerMessage(2, LogLevel.Error, "Microsoft Graph: circuit opened for {BreakDuration} after repeated failures (last: {Reason}); requests fail at once until then")]
    private static partial void LogCircuitOpened(ILogger logger, TimeSpan breakDuration, string reason);

    [LoggerMessage(3, LogLevel.Information, "Microsoft Graph: circuit closed, Graph answers again")]
    private static partial void LogCircuitClosed(ILogger logger);
}
