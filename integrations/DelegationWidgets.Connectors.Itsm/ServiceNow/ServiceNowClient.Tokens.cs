using System.Net.Http.Headers;
using DelegationWidgets.Connectors.Http;
using DelegationWidgets.Connectors.Http.Tokens;
using DelegationWidgets.Connectors.Itsm.Http;
using Microsoft.Extensions.Logging;

namespace DelegationWidgets.Connectors.Itsm.ServiceNow;

// The access token for OAuth sign-in: a form POST to the instance's /oauth_token.do (client credentials, or the password
// grant as the integration user), kept in an OAuthTokenCache until two minutes before it expires (half its lifetime for
// short ones; ServiceNow's default lifetime is 30 minutes) and shared by every request. One caller at a time asks for a
// new one; the others wait and take it. A token ServiceNow refused (401) is replaced once. Refresh tokens are not used:
// asking again with the client's credentials is simpler.
internal sealed partial class ServiceNowClient
{
    private static readonly TimeSpan RenewalMargin = TimeSpan.FromMinutes(2);

    private readonly OAuthTokenCache _tokens;
    private readonly Uri _tokenEndpoint;
    private readonly KeyValuePair<string?, string?>[] _tokenForm;

    private async Task<(string Value, int? ExpiresIn)> RequestTokenAsync(CancellationToken cancellationToken)
    {
        // Retry-safe: asking for a token changes nothing on the instance, so a request whose answer was lost is simply asked again.
        using var response = await _http.SendAsync(
            () =>
            {
                var message = new HttpRequestMessage(HttpMethod.Post, _tokenEndpoint) { Content = new FormUrlEncodedContent(_tokenForm) };
                message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                return message;
            },
            retrySafe: true,
            cancellationToken).ConfigureAwait(false);

        OAuthTokenAnswer? answer;
        try
        {
            answer = await TicketAnswers.ReadJsonAsync<OAuthTokenAnswer>(response, Service, cancellationToken).ConfigureAwait(false);
        }
        catch (TicketSystemUnavailableException)
        {
            answer = null;
        }

        if (response.IsSuccessStatusCode && answer is { AccessToken: { Length: > 0 } value })
        {
            return (value, answer.ExpiresIn);
        }

        // The description names the problem (access_denied, invalid_client, …), never the secret itself.
        var reason = answer?.ErrorReason() ?? ConnectorHttp.Status(response.StatusCode);
        LogSignInRefused(_logger, reason);
        throw new TicketSystemUnavailableException(
            $"ServiceNow refused the connector's OAuth sign-in ({reason}). Check {CredentialSettings}; the client credentials grant also needs the instance property glide.oauth.inbound.client.credential.grant_type.enabled.");
    }

    /// <summary>The token request's form: client credentials, or the password grant as the integration user. Never logged.</summary>
    private static KeyValuePair<string?, string?>[] TokenForm(ServiceNowTicketOptions options)
    {
        if (options.Authentication == ServiceNowAuthentication.Password)
        {
            return
            [
                new("grant_type", "password"),
                new("client_id", options.ClientId),
                new("client_secret", options.ClientSecret),
                new("username", options.UserName),
                new("password", options.Password),
            ];
        }

        return
        [
            new("grant_type", "client_credentials"),
            new("client_id", options.ClientId),
            new("client_secret", options.ClientSecret),
        ];
    }

    [LoggerMessage(101, LogLevel.Error, "ServiceNow refused the connector's OAuth sign-in: {Reason}")]
    private static partial void LogSignInRefused(ILogger logger, string reason);
}
