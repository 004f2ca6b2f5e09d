using DelegationWidgets.Sdk.Tests.Fixtures;

namespace DelegationWidgets.Sdk.Tests;

[Collection(RealHost.Name)]
public sealed class DelegationClientHostTests(HostFixture host)
{
    [Fact]
    public async Task GetDevTokenAsync_KnownPersona_ReturnsBearerTokenThatCallsTheApi()
    {
        var token = await host.Anonymous().GetDevTokenAsync("agent");

        Assert.Equal("Bearer", token.TokenType);
        Assert.True(token.ExpiresIn > 0);
        Assert.DoesNotContain(token.AccessToken, token.ToString(), StringComparison.Ordinal);
        var client = new DelegationClient(new HttpClient(), new DelegationClientOptions { BaseAddress = host.BaseAddress, TokenProvider = _ => ValueTask.FromResult<string?>(token.AccessToken) });
        Assert.NotEmpty(await client.GetFormsAsync());
    }

    [Fact]
    public async Task GetDevTokenAsync_UnknownPersona_ThrowsWithFieldError()
    {
        var e = await Assert.ThrowsAsync<DelegationApiException>(() => host.Anonymous().GetDevTokenAsync("ceo"));

        Assert.Equal(400, e.Status);
        Assert.Equal("DW1016", e.ErrorId);
        Assert.Contains("agent", Assert.Single(e.Errors["/persona"]), StringComparison.Ordinal);
        Assert.NotNull(e.TraceId);
        Assert.Equal("urn:delegationwidgets:error:DW1016", e.Type);
    }

    [Fact]
    public async Task GetHealthAsync_HostUp_ReturnsOk()
    {
        var health = await host.Anonymous().GetHealthAsync();

        Assert.Equal("ok", health.Status);
        Assert.True(health.IsHealthy);
    }
}
