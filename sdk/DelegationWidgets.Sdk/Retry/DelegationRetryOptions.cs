namespace DelegationWidgets.Sdk.Retry;

/// <summary>
/// Retries with exponential backoff for requests that are safe to repeat: every GET, and a POST that carries an
/// <c>Idempotency-Key</c> (every submission and self-service request does). Retried: network failures, a try that timed out, 408, 429 and
/// 5xx except 501. A <c>Retry-After</c> header is honoured up to <see cref="MaxDelay"/>; a longer one is not waited
/// for, the response is returned as it is.
/// </summary>
public sealed class DelegationRetryOptions
{
    /// <summary>How many times a failed try is repeated (0 turns retries off). Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The wait before the first retry; it doubles for each next one (with jitter). Default 500 ms.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between tries, and the longest <c>Retry-After</c> honoured. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one try may take before it is abandoned (and retried when safe). Default 30 s.</summary>
    public TimeSpan TryTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
