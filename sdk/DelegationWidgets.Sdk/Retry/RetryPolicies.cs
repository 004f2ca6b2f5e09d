using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace DelegationWidgets.Sdk.Retry;

/// <summary>
/// The Polly policies of the registered client: for a request that is safe to repeat, retries with backoff around a
/// timeout per try; for any other request, the timeout alone (it is sent once). The same
/// <see cref="HttpRequestMessage"/> is sent again on a retry, so its <c>Idempotency-Key</c> and body stay the same.
/// </summary>
internal sealed class RetryPolicies
{
    private readonly DelegationRetryOptions _options;
    private readonly TimeProvider _time;

    public RetryPolicies(IOptions<DelegationClientOptions> options, TimeProvider time)
    {
        _options = options.Value.Retry;
        _time = time;
        Once = Policy.TimeoutAsync<HttpResponseMessage>(_options.TryTimeout);
        Repeatable = _options.MaxRetries <= 0
            ? Once
            : Policy.WrapAsync(
                Policy<HttpResponseMessage>
                    .Handle<HttpRequestException>()
                    .Or<TimeoutRejectedException>()
                    .OrResult(ShouldRetry)
                    .WaitAndRetryAsync(_options.MaxRetries, (attempt, outcome, _) => DelayBefore(attempt, outcome.Result), (_, _, _, _) => Task.CompletedTask),
                Once);
    }

    /// <summary>The policy for a request that is sent once: a timeout.</summary>
    public IAsyncPolicy<HttpResponseMessage> Once { get; }

    /// <summary>The policy for a request that is safe to repeat: retries around a timeout per try.</summary>
    public IAsyncPolicy<HttpResponseMessage> Repeatable { get; }

    public IAsyncPolicy<HttpResponseMessage> For(HttpRequestMessage request) => IsRepeatable(request) ? Repeatable : Once;

    /// <summary>GET and HEAD, and a POST that carries an <c>Idempotency-Key</c>; never any other POST.</summary>
    public static bool IsRepeatable(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get
        || request.Method == HttpMethod.Head
        || (request.Method == HttpMethod.Post && request.Headers.TryGetValues(DelegationClient.IdempotencyKeyHeader, out var keys) && keys.Any(k => !string.IsNullOrWhiteSpace(k)));

    /// <summary>408, 429 and 5xx except 501 (not implemented will not change by asking again).</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        || ((int)status >= 500 && status != HttpStatusCode.NotImplemented);

    /// <summary>The wait the response asks for with <c>Retry-After</c>, if any.</summary>
    public TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private bool ShouldRetry(HttpResponseMessage response) =>
        IsTransient(response.StatusCode) && !(RetryAfter(response) > _options.MaxDelay);

    internal TimeSpan DelayBefore(int attempt, HttpResponseMessage? response)
    {
        if (response is not null && RetryAfter(response) is { } asked)
        {
            return asked;
        }

        // Exponential with "equal jitter": half the step fixed, half random, so clients that failed together spread out.
        var step = _options.Delay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 16));
        var capped = Math.Min(step, _options.MaxDelay.TotalMilliseconds);
#pragma warning disable CA5394 // Jitter needs spread, not unpredictability.
        var jittered = (capped / 2) + (Random.Shared.NextDouble() * capped / 2);
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(jittered);
    }
}
