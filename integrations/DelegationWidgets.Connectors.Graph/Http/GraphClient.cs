using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DelegationWidgets.Connectors.Graph.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace DelegationWidgets.Connectors.Graph.Http;

/// <summary>
/// Every HTTP call of the connector: a bearer token from the tenant's token endpoint (see the <c>Tokens</c> partial), each
/// attempt sent through the <see cref="GraphPipeline"/> on the named <see cref="HttpClient"/> <see cref="HttpClientName"/>,
/// and one retry with a new token when Graph answers 401. The caller gets Graph's answer when it is not transient (200, 204,
/// 400, 403, 404, …) or a <see cref="GraphUnavailableException"/> that says why Graph is unavailable and when it is tried again.
/// Requests only ever go to <c>Graph:BaseUrl</c> or the token endpoint.
/// </summary>
internal sealed partial class GraphClient : IDisposable
{
    /// <summary>The name of the <see cref="HttpClient"/> the connector registers and uses.</summary>
    public const string HttpClientName = "DelegationWidgets.Connectors.Graph";

    private readonly IHttpClientFactory _httpClients;
    private readonly GraphConnectorOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<GraphClient> _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public GraphClient(IHttpClientFactory httpClients, IOptions<GraphConnectorOptions> options, TimeProvider timeProvider, ILogger<GraphClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _httpClients = httpClients;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        BaseUrl = _options.EffectiveBaseUrl;
        _tokenEndpoint = new Uri(_options.TokenEndpoint, UriKind.Absolute);
        _tokenForm =
        [
            new("grant_type", "client_credentials"),
            new("client_id", _options.ClientId),
            new("client_secret", _options.ClientSecret),
            new("scope", _options.Scope),
        ];
        _pipeline = GraphPipeline.Create(_options, timeProvider, logger);
    }

    /// <summary>Graph's address with its version, always ending in <c>/</c>.</summary>
    public Uri BaseUrl { get; }

    public void Dispose() => _tokenGate.Dispose();

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
            throw new GraphUnavailableException($"Microsoft Graph refused to answer a read ({Status(response.StatusCode)}: {GraphErrors.Reason(error)}).{permissions}");
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
        if (!IsUnderBaseUrl(uri))
        {
            throw new ArgumentException($"'{request.PathAndQuery}' does not lie under Graph:BaseUrl.", nameof(request));
        }

        var token = await TokenAsync(refused: null, cancellationToken).ConfigureAwait(false);
        var response = await SendWithTokenAsync(request, uri, token, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        LogTokenRefused(_logger);
        token = await TokenAsync(refused: token, cancellationToken).ConfigureAwait(false);
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

        if (Uri.TryCreate(link, UriKind.Absolute, out var uri) && IsUnderBaseUrl(uri))
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
        ExecuteAsync(
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

    /// <summary>
    /// One request through the pipeline, a new message per attempt. Transient failures that outlast the retries, an open
    /// circuit and a transient last answer become a <see cref="GraphUnavailableException"/> naming <paramref name="service"/>.
    /// </summary>
    private async Task<HttpResponseMessage> ExecuteAsync(Func<HttpRequestMessage> create, bool retrySafe, string service, CancellationToken cancellationToken)
    {
        var http = _httpClients.CreateClient(HttpClientName);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(GraphPipeline.RetrySafe, retrySafe);
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
        catch (Exception e) when (GraphPipeline.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(service, e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (GraphPipeline.IsTransient(response.StatusCode))
        {
            var answered = "it answered " + Status(response.StatusCode);
            response.Dispose();
            LogUnavailable(_logger, service, answered);
            throw new GraphUnavailableException($"{service} is unavailable: {answered}. The connector tries it again with the next request.");
        }

        return response;
    }

    private GraphUnavailableException Unavailable(string service, Exception e)
    {
        if (e is BrokenCircuitException broken)
        {
            var retryAt = _timeProvider.GetUtcNow() + (broken.RetryAfter ?? _options.BreakDuration);
            LogUnavailable(_logger, service, "the circuit is open");
            return new GraphUnavailableException(
                string.Create(CultureInfo.InvariantCulture, $"{service} is unavailable: it failed repeatedly, so the connector does not call it again until {retryAt:HH:mm:ss} UTC."), e);
        }

        var reason = e is TimeoutRejectedException
            ? string.Create(CultureInfo.InvariantCulture, $"no answer within {_options.RequestTimeout.TotalSeconds:0.#} s")
            : $"it could not be reached ({e.Message})";
        LogUnavailable(_logger, service, reason);
        return new GraphUnavailableException($"{service} is unavailable: {reason}. The connector tries it again with the next request.", e);
    }

    private bool IsUnderBaseUrl(Uri uri) =>
        Uri.Compare(uri, BaseUrl, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0
        && uri.AbsolutePath.StartsWith(BaseUrl.AbsolutePath, StringComparison.Ordinal);

    private static string Status(HttpStatusCode status) => $"HTTP {(int)status} {status}";

    [LoggerMessage(10, LogLevel.Warning, "{Service} is unavailable: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string service, string reason);

    [LoggerMessage(11, LogLevel.Warning, "Microsoft Graph refused the access token (401); asking for a new one")]
    private static partial void LogTokenRefused(ILogger logger);

    [LoggerMessage(12, LogLevel.Warning, "Microsoft Graph sent a next-page link to {Host}, outside Graph:BaseUrl; it is not followed")]
    private static partial void LogForeignLink(ILogger logger, string host);
}
