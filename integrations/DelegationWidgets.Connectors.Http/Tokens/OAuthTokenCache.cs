namespace DelegationWidgets.Connectors.Http.Tokens;

/// <summary>
/// A connector's OAuth access token, shared by every request: asked for when there is none, when it is due for renewal
/// (the renewal margin before it expires, half its lifetime for short ones), or when the system refused it (401). One
/// caller at a time asks for a new one; the others wait and take it. How a token is asked for, and what a refused sign-in
/// means, is the connector's: its <c>requestToken</c> gives the token and its lifetime in seconds, or throws.
/// </summary>
internal sealed class OAuthTokenCache : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeSpan _renewalMargin;
    private readonly TimeProvider _timeProvider;
    private readonly Func<CancellationToken, Task<(string Value, int? ExpiresIn)>> _requestToken;
    private volatile AccessToken? _token;

    public OAuthTokenCache(TimeSpan renewalMargin, TimeProvider timeProvider, Func<CancellationToken, Task<(string Value, int? ExpiresIn)>> requestToken)
    {
        _renewalMargin = renewalMargin;
        _timeProvider = timeProvider;
        _requestToken = requestToken;
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>The current token, or a new one when there is none, it is due for renewal, or it is <paramref name="refused"/>.</summary>
    public async Task<string> TokenAsync(string? refused, CancellationToken cancellationToken)
    {
        if (Usable(_token, refused) is { } current)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
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
            _gate.Release();
        }
    }

    private string? Usable(AccessToken? token, string? refused) =>
        token is not null && token.Value != refused && _timeProvider.GetUtcNow() < token.RenewAt ? token.Value : null;

    private async Task<AccessToken> RequestTokenAsync(CancellationToken cancellationToken)
    {
        var (value, expiresIn) = await _requestToken(cancellationToken).ConfigureAwait(false);
        var lifetime = TimeSpan.FromSeconds(Math.Max(expiresIn ?? 0, 60));
        var margin = lifetime > 2 * _renewalMargin ? _renewalMargin : lifetime / 2;
        return new AccessToken(value, _timeProvider.GetUtcNow() + lifetime - margin);
    }

    /// <summary>A bearer token and when to stop using it. Never logged.</summary>
    private sealed record AccessToken(string Value, DateTimeOffset RenewAt)
    {
        public override string ToString() => $"AccessToken {{ Value = [redacted], RenewAt = {RenewAt:O} }}";
    }
}
