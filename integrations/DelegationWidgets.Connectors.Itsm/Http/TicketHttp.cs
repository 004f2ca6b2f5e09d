using DelegationWidgets.Connectors.Http;
using DelegationWidgets.Connectors.Itsm.Resilience;
using Microsoft.Extensions.Logging;

namespace DelegationWidgets.Connectors.Itsm.Http;

/// <summary>
/// Every HTTP attempt to one ticket system: a new message per attempt (the caller's factory sets the authorization), sent by
/// <see cref="ConnectorHttp"/> on the named <see cref="HttpClient"/> through the system's <see cref="TicketPipeline"/>. The
/// caller gets the system's answer when it is not transient (200, 204, 400, 401, 403, 404, …) or a
/// <see cref="TicketSystemUnavailableException"/> that says why the system is unavailable and, for an open circuit, when it
/// is tried again. Requests only ever go to addresses under the system's base URL (and, for ServiceNow OAuth, its token
/// endpoint, which lies under it too).
/// </summary>
internal sealed class TicketHttp
{
    private readonly ConnectorHttp _http;

    public TicketHttp(string service, string httpClientName, IHttpClientFactory httpClients, TicketSystemOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Service = service;
        BaseUrl = options.EffectiveBaseUrl;
        _http = new ConnectorHttp(
            httpClients,
            httpClientName,
            options,
            TicketPipeline.Create(service, options, timeProvider, logger),
            (message, retryAt, innerException) => new TicketSystemUnavailableException(message, retryAt, innerException),
            timeProvider,
            logger);
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
        if (!ConnectorHttp.IsUnder(uri, BaseUrl))
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
    public Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, bool retrySafe, CancellationToken cancellationToken) =>
        _http.SendAsync(create, retrySafe, Service, cancellationToken);
}
