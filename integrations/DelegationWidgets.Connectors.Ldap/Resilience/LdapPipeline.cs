using System.DirectoryServices.Protocols;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace DelegationWidgets.Connectors.Ldap.Resilience;

/// <summary>
/// The Polly pipeline around every LDAP call: retry (outermost, transient failures only, exponential back-off with
/// jitter), circuit breaker (opens when half the calls within 30 seconds fail transiently, at least 4 calls), and a
/// timeout per attempt. The server's answers (no such object, constraint violation, insufficient rights, …) are not
/// transient: they pass through at once and never count against the circuit.
/// </summary>
internal static class LdapPipeline
{
    public static ResiliencePipeline Create(LdapConnectorOptions options, TimeProvider timeProvider) =>
        new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = Math.Max(options.RetryCount, 0) is var count and > 0 ? count : 1,
                Delay = TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = options.BreakDuration,
            })
            .AddTimeout(options.OperationTimeout)
            .Build();

    /// <summary>
    /// Connection-level failures: server down, connect error, client-side timeout (Windows codes 81, 91, 85 and
    /// OpenLDAP's −1, −11, −5), a server that is busy or unavailable (51, 52), and a timed-out attempt.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        TimeoutRejectedException => true,
        DirectoryOperationException { Response.ResultCode: ResultCode.Busy or ResultCode.Unavailable } => true,
        DirectoryOperationException => false,
        LdapException ldap => ldap.ErrorCode is 81 or 91 or 85 or -1 or -11 or -5 or 51 or 52,
        _ => false,
    };

    /// <summary>Whether the exception means the server could not be reached or the circuit is open.</summary>
    public static bool IsUnavailable(Exception exception) =>
        IsTransient(exception) || exception is BrokenCircuitException or IsolatedCircuitException;
}
