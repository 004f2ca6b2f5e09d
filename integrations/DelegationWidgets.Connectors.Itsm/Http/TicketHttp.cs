using System.Globalization;
using System.Net;
using DelegationWidgets.Connectors.Itsm.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace DelegationWidgets.Connectors.Itsm.Http;

/// <summary>
/// Every HTTP attempt to one ticket system: a new message per attempt (the caller's factory sets the authorization), sent
/// on the named <see cref="HttpClient"/> through the system's <see cref="TicketPipeline"/>. The caller gets the system's
/// answer when it is not transient (200, 204, 400, 401, 403, 404, …) or a <see cref="TicketSystemUnavailableException"/>
/// that says why the system is unavailable and, for an open circuit, when it is tried again. Requests only ever go to
/// addresses under the system's base URL (and, for ServiceNow OAuth, its token endpoint, which lies under it too).
/// </summary>
internal sealed partial class TicketHttp
{
    private readonly IHttpClientFactory _httpClients;
    private readonly string _httpClientName;
    private readonly TicketSystemOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public TicketHttp(string service, string httpClientName, IHttpClientFactory httpClients, TicketSystemOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Service = service;
        _httpClientName = httpClientName;
        _httpClients = httpClients;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        BaseUrl = options.EffectiveBaseUrl;
        _pipeline = TicketPipeline.Create(service, options, timeProvider, logger);
    }

    /// <summary>The system's name in messages and logs (<c>ServiceNow</c>, <c>TOPdesk</c>).</summary>
    public string Service { get; }

    /// <summary>The system's address, always ending in <c>/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>
    /// <paramref name="pathAndQuery"/> (already escaped) relative to the base URL. Values in it were validated and escaped by
    /// the caller; this checks once more that the result did not leave the base URL (a <c>..</c> segment, another host).
    /// </summary>
    public Uri Resolve(string pathAndQuery)
    {
        var uri = new Uri(BaseUrl, pathAndQuery);
        if (!(Uri.Compare(uri, BaseUrl, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0
            && uri.AbsolutePath.StartsWith(BaseUrl.AbsolutePath, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"'{pathAndQuery}' does not lie under the {Service} base URL.", nameof(pathAndQuery));
        }

        return uri;
    }

    /// <summary>
    /// One request through the pipeline, a new message from <paramref name="create"/> per attempt. <paramref name="retrySafe"/>:
    /// whether the request may be sent again after an ambiguous failure (see <see cref="TicketPipeline"/>). Transient failures
    /// that outlast the retries, an open circuit and a transient last answer become a <see cref="TicketSystemUnavailableException"/>.
    /// The caller disposes the answer.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, bool retrySafe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        var http = _httpClients.CreateClient(_httpClientName);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(TicketPipeline.RetrySafe, retrySafe);
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
        catch (Exception e) when (TicketPipeline.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (TicketPipeline.IsTransient(response.StatusCode))
        {
            var answered = "it answered " + Status(response.StatusCode);
            var retryAfter = TicketPipeline.RetryAfter(response, _timeProvider);
            response.Dispose();
            LogUnavailable(_logger, Service, answered);
            throw new TicketSystemUnavailableException(
                $"{Service} is unavailable: {answered}. The connector tries it again with the next request.",
                retryAfter is { } wait ? _timeProvider.GetUtcNow() + wait : null);
        }

        return response;
    }

    public static string Status(HttpStatusCode status) => $"HTTP {(int)status} {status}";

    private TicketSystemUnavailableException Unavailable(Exception e)
    {
        if (e is BrokenCircuitException broken)
        {
            var retryAt = _timeProvider.GetUtcNow() + (broken.RetryAfter ?? _options.BreakDuration);
            LogUnavailable(_logger, Service, "the circuit is open");
            return new TicketSystemUnavailableException(
                string.Create(CultureInfo.InvariantCulture, $"{Service} is unavailable: it failed repeatedly, so the connector does not call it again until {retryAt:HH:mm:ss} UTC."),
                retryAt,
                e);
        }

        var reason = e is TimeoutRejectedException
            ? string.Create(CultureInfo.InvariantCulture, $"no answer within {_options.RequestTimeout.TotalSeconds:0.#} s")
            : $"it could not be reached ({e.Message})";
        LogUnavailable(_logger, Service, reason);
        return new TicketSystemUnavailableException($"{Service} is unavailable: {reason}. The connector tries it again with the next request.", null, e);
    }

    [LoggerMessage(10, LogLevel.Warning, "{Service} is unavailable: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string service, string reason);
}
