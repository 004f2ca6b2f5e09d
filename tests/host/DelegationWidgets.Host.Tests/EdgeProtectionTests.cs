using System.Net;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Tests;

/// <summary>A host with a small per-caller rate limit.</summary>
public sealed class LimitedHostFixture : IAsyncLifetime
{
    public HostProcess Host { get; } = new(new Dictionary<string, string>
    {
        ["RateLimiting__PermitsPerSecond"] = "1",
        ["RateLimiting__Burst"] = "3",
    });

    public Task InitializeAsync() => Host.StartAsync();

    public Task DisposeAsync() => Host.DisposeAsync().AsTask();
}

/// <summary>The per-caller rate limit.</summary>
public sealed class RateLimitTests(LimitedHostFixture fixture) : IClassFixture<LimitedHostFixture>
{
    [Fact]
    public async Task CallerOverTheLimit_Gets429WithRetryAfter_OthersAndHealthDoNot()
    {
        using var agent = await fixture.Host.ClientAsync("agent");
        using var manager = await fixture.Host.ClientAsync("manager");

        var answers = new List<ApiResponse>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await agent.GetJsonAsync("api/v1/forms"));
        }

        var refused = answers.First(a => a.Status == HttpStatusCode.TooManyRequests);
        Assert.Equal("DW1019", refused.ErrorId);
        Assert.True(refused.Message.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), refused.ToString());
        Assert.Equal(HttpStatusCode.OK, (await manager.GetJsonAsync("api/v1/forms")).Status);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetJsonAsync("healthz")).Status);

        await Task.Delay(TimeSpan.FromSeconds(refused.Message.Headers.RetryAfter!.Delta!.Value.TotalSeconds + 0.5));
        Assert.Equal(HttpStatusCode.OK, (await agent.GetJsonAsync("api/v1/forms")).Status);
    }
}

/// <summary>Security headers on every kind of response, and CORS only for the configured origins.</summary>
[Collection(HostGroup.Name)]
public sealed class EdgeProtectionTests(HostFixture fixture)
{
    private const string AllowedOrigin = "http://localhost:5081"; // appsettings.Development.json

    [Theory]
    [InlineData("api/v1/forms", "agent")]
    [InlineData("api/v1/forms", null)]
    [InlineData("no/such/endpoint", null)]
    [InlineData("widgets/loader.js", null)]
    [InlineData("healthz", null)]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path, string? persona)
    {
        var response = (await (await fixture.As(persona)).GetAsync(new Uri(path, UriKind.Relative)));

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Theory]
    [InlineData(AllowedOrigin, true)]
    [InlineData("https://evil.example", false)]
    public async Task Preflight_IsAnsweredOnlyForConfiguredOrigins(string origin, bool allowed)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "api/v1/forms/reset-password/submissions");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,idempotency-key");

        using var response = await (await fixture.As(null)).SendAsync(request);

        Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Single() == origin);
        if (allowed)
        {
            Assert.Contains("idempotency-key", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task WidgetBundle_IsServedWithCorsForConfiguredOriginsOnly()
    {
        using var allowed = new HttpRequestMessage(HttpMethod.Get, "widgets/_framework/blazor.webassembly.js");
        allowed.Headers.Add("Origin", AllowedOrigin);
        using var other = new HttpRequestMessage(HttpMethod.Get, "widgets/_framework/blazor.webassembly.js");
        other.Headers.Add("Origin", "https://evil.example");
        var client = await fixture.As(null);

        using var fromAllowed = await client.SendAsync(allowed);
        using var fromOther = await client.SendAsync(other);

        Assert.Equal(HttpStatusCode.OK, fromAllowed.StatusCode);
        Assert.Equal(AllowedOrigin, fromAllowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(fromOther.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
