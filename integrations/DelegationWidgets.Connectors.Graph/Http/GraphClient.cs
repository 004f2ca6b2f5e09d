using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DelegationWidgets.Connectors.Graph.Resilience;
using DelegationWidgets.Connectors.Http;
using DelegationWidgets.Connectors.Http.Tokens;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Connectors.Graph.Http;

/// <summary>
/// Every HTTP call of the connector: a bearer token from the tenant's token endpoint (see the <c>Tokens</c> partial), each
/// attempt sent by <see cref="ConnectorHttp"/> through the <see cref="GraphPipeline"/> on the named <see cref="HttpClient"/>
/// <see cref="HttpClientName"/>, and one retry with a new token when Graph answers 401. The caller gets Graph's answer when
/// it is not transient (200, 204, 400, 403, 404, …) or a <see cref="GraphUnavailableException"/> that says why Graph is
/// unavailable and when it is tried again. Requests only ever go to <c>Graph:BaseUrl</c> or the token endpoint.
/// </summary>
internal sealed partial class GraphClient : IDisposable
{
    /// <summary>The name of the <see cref="HttpClient"/> the connector registers and uses.</summary>
    public const string HttpClientName = "DelegationWidgets.Connectors.Graph";

    private readonly ILogger<GraphClient> _logger;
    private readonly ConnectorHttp _http;

    public GraphClient(IHttpClientFactory httpClients, IOptions<GraphConnectorOptions> options, TimeProvider timeProvider, ILogger<GraphClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _logger = logger;
        BaseUrl = settings.EffectiveBaseUrl;
        _tokenEndpoint = new Uri(settings.TokenEndpoint, UriKind.Absolute);
        _tokenForm =
        [
            new("grant_type", "client_credentials"),
            new("client_id", settings.ClientId),
            new("client_secret", settings.ClientSecret),
            new("scope", settings.Scope),
        ];
        _tokens = new OAuthTokenCache(RenewalMargin, timeProvider, RequestTokenAsync);
        _http = new ConnectorHttp(
            httpClients,
            HttpClientName,
            settings,
            GraphPipeline.Create(settings, timeProvider, logger),
            (message, _, innerException) => innerException is null ? new GraphUnavailableException(message) : new GraphUnavailableException(message, innerException),
            timeProvider,
            logger);
    }

    /// <summary>Graph's address with its version, always ending in <c>/</c>.</summary>
    public Uri BaseUrl { get; }

    public void Dispose() => _tokens.Dispose();

    /// <summary>A GET whose answer is JSON: the answer, or null when Graph says 404. Any other refusal means the connector cannot read, and is unavailable.</summary>
    public async Task<T?> GetAsync<T>(GraphRequest request, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            var permissions = response.StatusCode == HttpStatusCode.Forbidden
                ? " The connector's app registration needs the Microsoft Graph application permissions User.Read.All and GroupMember.Read.All (or the ReadWrite permissions of its actions)."
                : "";
            throw new GraphUnavailableException($"Microsoft Graph refused to answer a read ({ConnectorHttp.Status(response.StatusCode)}: {GraphErrors.Reason(error)}).{permissions}");
        }

        return await ReadJsonAsync<T>(response, cancellationToken).ConfigureAwait(false)
            ?? throw new GraphUnavailableException("Microsoft Graph answered a read with an empty body.");
    }

    /// <summary>
    /// Sends the request with the current token; when Graph answers 401 (the token was revoked, or the app's keys rolled
    /// over before it expired), asks for a new token once and sends it again. The caller disposes the answer.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(GraphRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = new Uri(BaseUrl, request.PathAndQuery);
        if (!ConnectorHttp.IsUnder(uri, BaseUrl))
        {
            throw new ArgumentException($"'{request.PathAndQuery}' does not lie under Graph:BaseUrl.", nameof(request));
        }

        var token = await _tokens.TokenAsync(refused: null, cancellationToken).ConfigureAwait(false);
        var response = await SendWithTokenAsync(request, uri, token, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        LogTokenRefused(_logger);
        token = await _tokens.TokenAsync(refused: token, cancellationToken).ConfigureAwait(false);
        response = await SendWithTokenAsync(request, uri, token, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            throw new GraphUnavailableException(
                "Microsoft Graph refused the connector's access token (401) even after a new one was issued. Check Graph:TokenEndpoint (the tenant), Graph:ClientId and Graph:ClientSecret.");
        }

        return response;
    }

    /// <summary>
    /// Graph's <c>@odata.nextLink</c> as a path and query relative to <c>Graph:BaseUrl</c>, or null when there is none. A link
    /// to another host or outside the base path is never followed: it is logged and treated as the last page.
    /// </summary>
    public string? RelativeLink(string? link)
    {
        if (string.IsNullOrEmpty(link))
        {
            return null;
        }

        if (Uri.TryCreate(link, UriKind.Absolute, out var uri) && ConnectorHttp.IsUnder(uri, BaseUrl))
        {
            return uri.PathAndQuery[BaseUrl.AbsolutePath.Length..];
        }

        var host = uri?.Host ?? "(not an absolute URL)";
        LogForeignLink(_logger, host);
        return null;
    }

    /// <summary>Graph's error (code and message) from a refusal, or null when the body is not Graph's error JSON.</summary>
    public static async Task<GraphError?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            var answer = await response.Content.ReadFromJsonAsync<GraphErrorAnswer>(JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false);
            return answer?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<T?> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new GraphUnavailableException($"The answer from {response.RequestMessage?.RequestUri?.Host} could not be read as JSON ({e.Message}).", e);
        }
    }

    private Task<HttpResponseMessage> SendWithTokenAsync(GraphRequest request, Uri uri, string token, CancellationToken cancellationToken) =>
        _http.SendAsync(
            () =>
            {
                var message = new HttpRequestMessage(request.Method, uri);
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                if (request.EventualConsistency)
                {
                    message.Headers.Add("ConsistencyLevel", "eventual");
                }

                if (request.JsonBody is { } body)
                {
                    message.Content = new StringContent(body, Encoding.UTF8, "application/json");
                }

                return message;
            },
            GraphPipeline.IsRetrySafe(request.Method, uri),
            "Microsoft Graph",
            cancellationToken);

    [LoggerMessage(11, LogLevel.Warning, "Microsoft Graph refused the access token (401); asking for a new one")]
    private static partial void LogTokenRefused(ILogger logger);

    [LoggerMessage(12, LogLevel.Warning, "Microsoft Graph sent a next-page link to {Host}, outside Graph:BaseUrl; it is not followed")]
    private static partial void LogForeignLink(ILogger logger, string host);
}
