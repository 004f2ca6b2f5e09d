using System.Net.Http.Headers;
using DelegationWidgets.Connectors.Itsm.Http;
using Microsoft.Extensions.Logging;

namespace DelegationWidgets.Connectors.Itsm.ServiceNow;

// The access token for OAuth sign-in: a form POST to the instance's /oauth_token.do (client credentials, or the password
// grant as the integration user), kept until shortly before it expires (ServiceNow's default lifetime is 30 minutes) and
// shared by every request. One caller at a time asks for a new one; the others wait and take it. A token ServiceNow
// refused (401) is replaced once. Refresh tokens are not used: asking again with the client's credentials is simpler.
internal sealed partial class ServiceNowClient
{
    private static readonly TimeSpan RenewalMargin = TimeSpan.FromMinutes(2);
    private static readonly char[] LineBreaks = ['\r', '\n'];

    private readonly SemaphoreSlim _tokenGate = new(1, 1);
    private readonly Uri _tokenEndpoint;
    private readonly KeyValuePair<string?, string?>[] _tokenForm;
    private volatile AccessToken? _token;

    /// <summary>The current token, or a new one when there is none, it is due for renewal, or it is <paramref name="refused"/>.</summary>
    private async Task<string> TokenAsync(string? refused, CancellationToken cancellationToken)
    {
        if (Usable(_token, refused) is { } current)
        {
            return current;
        }

        await _tokenGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have renewed it while this one waited.
            if (Usable(_token, refused) is { } renewed)
            {
                return renewed;
            }

            var token = await RequestTokenAsync(cancellationToken).ConfigureAwait(false);
            _token = token;
            return token.Value;
        }
        finally
        {
            _tokenGate.Release();
        }
    }

    private string? Usable(AccessToken? token, string? refused) =>
        token is not null && token.Value != refused && _timeProvider.GetUtcNow() < token.RenewAt ? token.Value : null;

    private async Task<AccessToken> RequestTokenAsync(CancellationToken cancellationToken)
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

        ServiceNowTokenAnswer? answer;
        try
        {
            answer = await TicketAnswers.ReadJsonAsync<ServiceNowTokenAnswer>(response, Service, cancellationToken).ConfigureAwait(false);
        }
        catch (TicketSystemUnavailableException)
        {
            answer = null;
        }

        if (response.IsSuccessStatusCode && answer is { AccessToken: { Length: > 0 } value })
        {
            var lifetime = TimeSpan.FromSeconds(Math.Max(answer.ExpiresIn ?? 0, 60));
            var margin = lifetime > 2 * RenewalMargin ? RenewalMargin : lifetime / 2;
            return new AccessToken(value, _timeProvider.GetUtcNow() + lifetime - margin);
        }

        // The description names the problem (access_denied, invalid_client, …), never the secret itself.
        var reason = answer?.Error is { } error ? $"{error}: {FirstLine(answer.ErrorDescription)}" : TicketHttp.Status(response.StatusCode);
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

    private static string FirstLine(string? text) =>
        text?.Split(LineBreaks, 2, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first.Trim() : "no description";

    /// <summary>A bearer token and when to stop using it. Never logged.</summary>
    private sealed record AccessToken(string Value, DateTimeOffset RenewAt)
    {
        public override string ToString() => $"AccessToken {{ Value = [redacted], RenewAt = {RenewAt:O} }}";
    }

    [LoggerMessage(101, LogLevel.Error, "ServiceNow refused the connector's OAuth sign-in: {Reason}")]
    private static partial void LogSignInRefused(ILogger logger, string reason);
}
