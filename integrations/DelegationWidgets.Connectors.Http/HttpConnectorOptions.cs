namespace DelegationWidgets.Connectors.Http;

/// <summary>
/// How an HTTP connector copes with a system that fails: a timeout per attempt, retries with back-off where repeating is
/// safe, and a circuit breaker. Each connector's options derive from it, so these settings sit in the connector's own
/// configuration section (<c>Graph:MaxRetries</c>, <c>Tickets:ServiceNow:MaxRetries</c>, …).
/// </summary>
public abstract class HttpConnectorOptions
{
    /// <summary>How long one attempt of one request may take before it is abandoned (default 10 seconds).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a request that failed transiently is sent again, where that is safe (default 3).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The median wait before the first retry; later ones wait exponentially longer, with jitter (default 0.5 seconds). A <c>Retry-After</c> from the system wins.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The share of failed attempts within <see cref="CircuitSamplingDuration"/> that opens the circuit (default 0.5).</summary>
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>The circuit opens only after at least this many attempts within <see cref="CircuitSamplingDuration"/> (default 8: two requests that failed every attempt).</summary>
    public int CircuitMinimumThroughput { get; set; } = 8;

    /// <summary>The window over which <see cref="CircuitFailureRatio"/> is measured (default 30 seconds).</summary>
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails every request at once before one request may try the system again (default 30 seconds).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
