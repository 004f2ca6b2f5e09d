using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DelegationWidgets.Connectors.Http.Tokens;
using DelegationWidgets.Connectors.Itsm.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Connectors.Itsm.ServiceNow;

/// <summary>
/// Every HTTP call to the ServiceNow instance, signed in as the integration user: basic authentication, or a bearer token
/// from <c>/oauth_token.do</c> (see the <c>Tokens</c> partial) with one new token and one more try when ServiceNow answers
/// 401 (a 401 means the request was not processed, so sending it again is safe even for a PATCH). Requests go through
/// <see cref="TicketHttp"/> on the named <see cref="HttpClient"/> <see cref="HttpClientName"/>.
/// </summary>
internal sealed partial class ServiceNowClient : IDisposable
{
    /// <summary>The name of the <see cref="HttpClient"/> the ServiceNow ticket system registers and uses.</summary>
    public const string HttpClientName = "DelegationWidgets.Connectors.Itsm.ServiceNow";

    /// <summary>The system's name in messages and logs.</summary>
    public const string Service = "ServiceNow";

    private readonly ServiceNowTicketOptions _options;
    private readonly ILogger<ServiceNowClient> _logger;
    private readonly TicketHttp _http;
    private readonly string _basicCredentials;

    public ServiceNowClient(IHttpClientFactory httpClients, IOptions<ServiceNowTicketOptions> options, TimeProvider timeProvider, ILogger<ServiceNowClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _http = new TicketHttp(Service, HttpClientName, httpClients, _options, timeProvider, logger);
        _basicCredentials = Convert.ToBase64String(Encoding.UTF8.GetBytes(_options.UserName + ":" + _options.Password));
        _tokenEndpoint = _options.TokenEndpoint;
        _tokenForm = TokenForm(_options);
        _tokens = new OAuthTokenCache(RenewalMargin, timeProvider, RequestTokenAsync);
    }

    public void Dispose() => _tokens.Dispose();

    /// <summary>
    /// Sends <paramref name="method"/> to <paramref name="pathAndQuery"/> (relative to the instance, already escaped) with an
    /// optional JSON body. <paramref name="retrySafe"/>: whether the request may be repeated after an ambiguous failure. The
    /// caller disposes the answer; a 401 comes back only when the credentials themselves were refused.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, string? jsonBody, bool retrySafe, CancellationToken cancellationToken)
    {
        var uri = _http.Resolve(pathAndQuery);
        if (_options.Authentication == ServiceNowAuthentication.Basic)
        {
            return await SendAsync(method, uri, new AuthenticationHeaderValue("Basic", _basicCredentials), jsonBody, retrySafe, cancellationToken).ConfigureAwait(false);
        }

        var token = await _tokens.TokenAsync(refused: null, cancellationToken).ConfigureAwait(false);
        var response = await SendAsync(method, uri, new AuthenticationHeaderValue("Bearer", token), jsonBody, retrySafe, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        LogTokenRefused(_logger);
        token = await _tokens.TokenAsync(refused: token, cancellationToken).ConfigureAwait(false);
        return await SendAsync(method, uri, new AuthenticationHeaderValue("Bearer", token), jsonBody, retrySafe, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Which settings to check when ServiceNow refuses the connector's credentials.</summary>
    public string CredentialSettings => _options.Authentication switch
    {
        ServiceNowAuthentication.Basic => $"{ServiceNowTicketOptions.Section}:UserName and Password",
        ServiceNowAuthentication.Password => $"{ServiceNowTicketOptions.Section}:ClientId, ClientSecret, UserName and Password",
        _ => $"{ServiceNowTicketOptions.Section}:ClientId and ClientSecret (and the OAuth Application User)",
    };

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, AuthenticationHeaderValue authorization, string? jsonBody, bool retrySafe, CancellationToken cancellationToken) =>
        _http.SendAsync(
            () =>
            {
                var message = new HttpRequestMessage(method, uri);
                message.Headers.Authorization = authorization;
                message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (jsonBody is not null)
                {
                    message.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
                }

                return message;
            },
            retrySafe,
            cancellationToken);

    [LoggerMessage(100, LogLevel.Warning, "ServiceNow refused the connector's access token (401); asking for a new one")]
    private static partial void LogTokenRefused(ILogger logger);
}
