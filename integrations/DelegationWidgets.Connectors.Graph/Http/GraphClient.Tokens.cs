using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace DelegationWidgets.Connectors.Graph.Http;

// The access token: OAuth 2.0 client credentials (a form POST of client id, secret and scope to the tenant's token
// endpoint), kept until five minutes before it expires (half its lifetime for short ones) and shared by every request.
// One caller at a time asks for a new one; the others wait and take it. A token Graph refused (401) is replaced once.
internal sealed partial class GraphClient
{
    private static readonly TimeSpan RenewalMargin = TimeSpan.FromMinutes(5);
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
        // Retry-safe: asking for a token changes nothing in the directory, so a request whose answer was lost is simply asked again.
        using var response = await ExecuteAsync(
            () => new HttpRequestMessage(HttpMethod.Post, _tokenEndpoint) { Content = new FormUrlEncodedContent(_tokenForm) },
            retrySafe: true,
            "Microsoft Entra ID",
            cancellationToken).ConfigureAwait(false);

        TokenAnswer? answer;
        try
        {
            answer = await response.Content.ReadFromJsonAsync<TokenAnswer>(JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            answer = null;
        }

        if (response.IsSuccessStatusCode && answer is { AccessToken: { Length: > 0 } value })
        {
            var lifetime = TimeSpan.FromSeconds(Math.Max(answer.ExpiresIn ?? 0, 60));
            var margin = lifetime > 2 * RenewalMargin ? RenewalMargin : lifetime / 2;
            return new AccessToken(value, _timeProvider.GetUtcNow() + lifetime - margin);
        }

        // The description names the problem (AADSTS7000215: invalid client secret, …), never the secret itself.
        var reason = answer?.Error is { } error ? $"{error}: {FirstLine(answer.ErrorDescription)}" : $"HTTP {(int)response.StatusCode}";
        LogSignInRefused(_logger, reason);
        throw new GraphUnavailableException(
            $"Microsoft Entra ID refused the connector's sign-in ({reason}). Check Graph:TokenEndpoint, Graph:ClientId and Graph:ClientSecret.");
    }

    private static string FirstLine(string? text) =>
        text?.Split(LineBreaks, 2, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first.Trim() : "no description";

    /// <summary>A bearer token and when to stop using it. Never logged.</summary>
    private sealed record AccessToken(string Value, DateTimeOffset RenewAt)
    {
        public override string ToString() => $"AccessToken {{ Value = [redacted], RenewAt = {RenewAt:O} }}";
    }

    [LoggerMessage(13, LogLevel.Error, "Microsoft Entra ID refused the connector's sign-in: {Reason}")]
    private static partial void LogSignInRefused(ILogger logger, string reason);
}
