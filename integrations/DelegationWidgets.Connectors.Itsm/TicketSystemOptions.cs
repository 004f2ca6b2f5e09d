namespace DelegationWidgets.Connectors.Itsm;

/// <summary>
/// Settings every ticket system shares: where it is, whether a ticket must be assigned to one of the caller's groups, how
/// the caller is matched, and how the connector copes with a system that fails (a timeout per attempt, retries with
/// back-off where repeating is safe, and a circuit breaker).
/// </summary>
public abstract class TicketSystemOptions
{
    /// <summary>The instance's address, such as <c>https://contoso.service-now.com/</c> or <c>https://contoso.topdesk.net/</c>.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>Whether a ticket must be assigned to one of the caller's groups to verify (default true). False: open is enough.</summary>
    public bool CheckAssignment { get; set; } = true;

    /// <summary>Which of the caller's names is looked up in the system for <see cref="CheckAssignment"/> (default the user name).</summary>
    public TicketCallerMatch CallerMatch { get; set; } = TicketCallerMatch.UserName;

    /// <summary>How long one attempt of one request may take before it is abandoned (default 10 seconds).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a request that failed transiently is sent again, where that is safe (default 3).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The median wait before the first retry; later ones wait exponentially longer, with jitter (default 0.5 seconds). A <c>Retry-After</c> wins.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The share of failed attempts within <see cref="CircuitSamplingDuration"/> that opens the circuit (default 0.5).</summary>
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>The circuit opens only after at least this many attempts within <see cref="CircuitSamplingDuration"/> (default 8).</summary>
    public int CircuitMinimumThroughput { get; set; } = 8;

    /// <summary>The window over which <see cref="CircuitFailureRatio"/> is measured (default 30 seconds).</summary>
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails every request at once before one request may try again (default 30 seconds).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    internal Uri EffectiveBaseUrl => new(BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/", UriKind.Absolute);
}
