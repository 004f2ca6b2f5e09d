using System.Globalization;
using System.Net;
using DelegationWidgets.Connectors.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace DelegationWidgets.Connectors.Http;

/// <summary>
/// Every HTTP attempt of one connector: a new message per attempt (the caller's factory sets the authorization), sent on
/// the connector's named <see cref="HttpClient"/> through its <see cref="HttpPipeline"/>. The caller gets the system's
/// answer when it is not transient (200, 204, 400, 401, 403, 404, …). Transient failures that outlast the retries, an open
/// circuit and a transient last answer are logged and become the connector's own exception, which says why the system is
/// unavailable and, for an open circuit, when it is tried again.
/// </summary>
internal sealed partial class ConnectorHttp
{
    private readonly IHttpClientFactory _httpClients;
    private readonly string _httpClientName;
    private readonly HttpConnectorOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly UnavailableExceptionFactory _unavailable;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public ConnectorHttp(
        IHttpClientFactory httpClients,
        string httpClientName,
        HttpConnectorOptions options,
        ResiliencePipeline<HttpResponseMessage> pipeline,
        UnavailableExceptionFactory unavailable,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _httpClients = httpClients;
        _httpClientName = httpClientName;
        _options = options;
        _pipeline = pipeline;
        _unavailable = unavailable;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// One request through the pipeline, a new message from <paramref name="create"/> per attempt. <paramref name="retrySafe"/>:
    /// whether its sender marks it safe to send again (what the pipeline does with that is the connector's decision, see
    /// <see cref="HttpPipeline"/>). <paramref name="service"/> names the system in messages and logs. The caller disposes the answer.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, bool retrySafe, string service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        var http = _httpClients.CreateClient(_httpClientName);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(HttpPipeline.RetrySafe, retrySafe);
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                async attempt =>
                {
                    using var message = create();
                    return await http.SendAsync(message, attempt.CancellationToken).ConfigureAwait(false);
                },
                context).ConfigureAwait(false);
        }
        catch (Exception e) when (HttpPipeline.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(service, e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (HttpPipeline.IsTransient(response.StatusCode))
        {
            var answered = "it answered " + Status(response.StatusCode);
            var retryAfter = HttpPipeline.RetryAfter(response, _timeProvider);
            response.Dispose();
            LogUnavailable(_logger, service, answered);
            throw _unavailable(
                $"{service} is unavailable: {answered}. The connector tries it again with the next request.",
                retryAfter is { } wait ? _timeProvider.GetUtcNow() + wait : null,
                null);
        }

        return response;
    }

    /// <summary>A status for messages: <c>HTTP 503 ServiceUnavailable</c>.</summary>
    public static string Status(HttpStatusCode status) => $"HTTP {(int)status} {status}";

    /// <summary>Whether <paramref name="uri"/> lies under <paramref name="baseUrl"/>: the same scheme, host and port, and a path below its path.</summary>
    public static bool IsUnder(Uri uri, Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(baseUrl);
        return Uri.Compare(uri, baseUrl, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0
            && uri.AbsolutePath.StartsWith(baseUrl.AbsolutePath, StringComparison.Ordinal);
    }

    private Exception Unavailable(string service, Exception e)
    {
        if (e is BrokenCircuitException broken)
        {
            var retryAt = _timeProvider.GetUtcNow() + (broken.RetryAfter ?? _options.BreakDuration);
            LogUnavailable(_logger, service, "the circuit is open");
            return _unavailable(
                string.Create(CultureInfo.InvariantCulture, $"{service} is unavailable: it failed repeatedly, so the connector does not call it again until {retryAt:HH:mm:ss} UTC."),
                retryAt,
                e);
        }

        var reason = e is TimeoutRejectedException
            ? string.Create(CultureInfo.InvariantCulture, $"no answer within {_options.RequestTimeout.TotalSeconds:0.#} s")
            : $"it could not be reached ({e.Message})";
        LogUnavailable(_logger, service, reason);
        return _unavailable($"{service} is unavailable: {reason}. The connector tries it again with the next request.", null, e);
    }

    [LoggerMessage(10, LogLevel.Warning, "{Service} is unavailable: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string service, string reason);
}
