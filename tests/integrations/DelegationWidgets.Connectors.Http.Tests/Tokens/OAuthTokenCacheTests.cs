using DelegationWidgets.Connectors.Http.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace DelegationWidgets.Connectors.Http.Tests.Tokens;

public sealed class OAuthTokenCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly List<string> _issued = [];

    private Task<(string Value, int? ExpiresIn)> IssueAsync(int? expiresIn)
    {
        _issued.Add("token-" + (_issued.Count + 1));
        return Task.FromResult((_issued[^1], expiresIn));
    }

    [Fact]
    public async Task TokenAsync_ConcurrentCallers_OneRequestAndEveryoneGetsItsToken()
    {
        var answer = new TaskCompletionSource<(string Value, int? ExpiresIn)>();
        var requests = 0;
        using var tokens = new OAuthTokenCache(TimeSpan.FromMinutes(5), _time, _ =>
        {
            Interlocked.Increment(ref requests);
            return answer.Task;
        });

        var callers = Enumerable.Range(0, 5).Select(_ => tokens.TokenAsync(null, CancellationToken.None)).ToList();
        answer.SetResult(("token-1", 3600));
        var values = await Task.WhenAll(callers);

        Assert.Equal(1, requests);
        Assert.All(values, value => Assert.Equal("token-1", value));
    }

    [Theory]
    [InlineData(3600, 55.0)] // an hour: renewed five minutes before it expires
    [InlineData(300, 2.5)] // five minutes, not more than twice the margin: renewed after half its lifetime
    [InlineData(null, 0.5)] // no lifetime given: taken as a minute, renewed after half of it
    public async Task TokenAsync_Lifetime_RenewedAtTheMarginOrHalfwayForShortOnes(int? expiresIn, double renewAfterMinutes)
    {
        using var tokens = new OAuthTokenCache(TimeSpan.FromMinutes(5), _time, _ => IssueAsync(expiresIn));

        await tokens.TokenAsync(null, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(renewAfterMinutes) - TimeSpan.FromSeconds(1));
        var before = await tokens.TokenAsync(null, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        var after = await tokens.TokenAsync(null, CancellationToken.None);

        Assert.Equal("token-1", before);
        Assert.Equal("token-2", after);
    }

    [Fact]
    public async Task TokenAsync_Refused_ANewOneOnceEvenWhenSeveralCallersReportTheSameRefusal()
    {
        using var tokens = new OAuthTokenCache(TimeSpan.FromMinutes(5), _time, _ => IssueAsync(3600));

        var first = await tokens.TokenAsync(null, CancellationToken.None);
        var renewed = await tokens.TokenAsync(refused: first, CancellationToken.None);
        var again = await tokens.TokenAsync(refused: first, CancellationToken.None);

        Assert.Equal("token-1", first);
        Assert.Equal("token-2", renewed);
        Assert.Equal("token-2", again);
        Assert.Equal(2, _issued.Count);
    }

    [Fact]
    public async Task TokenAsync_RequestFails_NothingIsKeptAndTheNextCallerAsksAgain()
    {
        var fail = true;
        using var tokens = new OAuthTokenCache(TimeSpan.FromMinutes(5), _time, _ =>
            fail ? throw new InvalidOperationException("sign-in refused") : IssueAsync(3600));

        await Assert.ThrowsAsync<InvalidOperationException>(() => tokens.TokenAsync(null, CancellationToken.None));
        fail = false;
        var token = await tokens.TokenAsync(null, CancellationToken.None);

        Assert.Equal("token-1", token);
    }
}
