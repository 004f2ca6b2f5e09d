using System.Net.Http.Json;
using System.Text.Json;
using DelegationWidgets.Connectors.Http.Tokens;
using Microsoft.Extensions.Logging;

namespace DelegationWidgets.Connectors.Graph.Http;

// The access token: OAuth 2.0 client credentials (a form POST of client id, secret and scope to the tenant's token
// endpoint), kept in an OAuthTokenCache until five minutes before it expires (half its lifetime for short ones) and shared
// by every request. One caller at a time asks for a new one; the others wait and take it. A token Graph refused (401) is
// replaced once.
internal sealed partial class GraphClient
{
    private static readonly TimeSpan RenewalMargin = TimeSpan.FromMinutes(5);

    private readonly OAuthTokenCache _tokens;
    private readonly Uri _tokenEndpoint;
    private readonly KeyValuePair<string?, string?>[] _tokenForm;

    private async Task<(string Value, int? ExpiresIn)> RequestTokenAsync(CancellationToken cancellationToken)
    {
        // Retry-safe: asking for a token changes nothing in the directory, so a request whose answer was lost is simply asked again.
        using var response = await _http.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, _tokenEndpoint) { Content = new FormUrlEncodedContent(_tokenForm) },
            retrySafe: true,
            "Microsoft Entra ID",
            cancellationToken).ConfigureAwait(false);

        OAuthTokenAnswer? answer;
        try
        {
            answer = await response.Content.ReadFromJsonAsync<OAuthTokenAnswer>(JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            answer = null;
        }

        if (response.IsSuccessStatusCode && answer is { AccessToken: { Length: > 0 } value })
        {
            return (value, answer.ExpiresIn);
        }

        // The description names the problem (AADSTS7000215: invalid client secret, …), never the secret itself.
        var reason = answer?.ErrorReason() ?? $"HTTP {(int)response.StatusCode}";
        LogSignInRefused(_logger, reason);
        throw new GraphUnavailableException(
            $"Microsoft Entra ID refused the connector's sign-in ({reason}). Check Graph:TokenEndpoint, Graph:ClientId and Graph:ClientSecret.");
    }

    [LoggerMessage(13, LogLevel.Error, "Microsoft Entra ID refused the connector's sign-in: {Reason}")]
    private static partial void LogSignInRefused(ILogger logger, string reason);
}
