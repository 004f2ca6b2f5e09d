using System.Net;
using System.Text;

namespace DelegationWidgets.Sdk.Tests.Fixtures;

/// <summary>One request as it left the client, per try.</summary>
public sealed record SentRequest(string Method, string PathAndQuery, string? IdempotencyKey, string? Authorization, string? UserAgent, string? Body);

/// <summary>
/// Sits below the retry policy (so it sees every try), records the exact request, and lets a script decide per try
/// whether to fail or pass the request on to the real host.
/// </summary>
public sealed class ScriptedHandler(Func<int, Func<Task<HttpResponseMessage>>, CancellationToken, Task<HttpResponseMessage>> script) : DelegatingHandler
{
    private readonly List<SentRequest> _sent = [];
    private int _tries;

    public IReadOnlyList<SentRequest> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>Every try goes to the host.</summary>
    public static ScriptedHandler PassThrough() => new((_, pass, _) => pass());

    /// <summary>The first try answers <paramref name="status"/> without reaching the host; later tries pass.</summary>
    public static ScriptedHandler FailFirst(HttpStatusCode status, TimeSpan? retryAfter = null) =>
        new((attempt, pass, _) => attempt == 0 ? Task.FromResult(Failure(status, retryAfter)) : pass());

    /// <summary>Every try answers <paramref name="status"/> with a body that is not a problem response.</summary>
    public static ScriptedHandler AlwaysFail(HttpStatusCode status) => new((_, _, _) => Task.FromResult(Failure(status, null)));

    /// <summary>The first try fails to connect; later tries pass.</summary>
    public static ScriptedHandler ThrowFirst() =>
        new((attempt, pass, _) => attempt == 0 ? throw new HttpRequestException("Connection reset (injected).") : pass());

    /// <summary>The first try reaches the host, but its answer is lost (a 502 from a proxy instead); later tries pass.</summary>
    public static ScriptedHandler LoseFirstAnswer() =>
        new(async (attempt, pass, _) =>
        {
            if (attempt > 0)
            {
                return await pass();
            }

            (await pass()).Dispose();
            return Failure(HttpStatusCode.BadGateway, null);
        });

    /// <summary>The first try hangs for <paramref name="delay"/> (or until it is abandoned); later tries pass.</summary>
    public static ScriptedHandler DelayFirst(TimeSpan delay) =>
        new(async (attempt, pass, cancellationToken) =>
        {
            if (attempt == 0)
            {
                await Task.Delay(delay, cancellationToken);
            }

            return await pass();
        });

    public static HttpResponseMessage Failure(HttpStatusCode status, TimeSpan? retryAfter)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent("<html><body>Injected failure</body></html>", Encoding.UTF8, "text/html") };
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(wait);
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var sent = new SentRequest(
            request.Method.Method,
            request.RequestUri!.PathAndQuery,
            request.Headers.TryGetValues(DelegationClient.IdempotencyKeyHeader, out var keys) ? string.Join(",", keys) : null,
            request.Headers.Authorization?.ToString(),
            request.Headers.UserAgent.ToString(),
            body);
        int attempt;
        lock (_sent)
        {
            _sent.Add(sent);
            attempt = _tries++;
        }

        return await script(attempt, () => base.SendAsync(request, cancellationToken), cancellationToken);
    }
}
