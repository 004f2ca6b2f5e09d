using DelegationWidgets.Sdk.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Sdk.Tests.DependencyInjection;

[Collection(RealHost.Name)]
public sealed class AddDelegationClientTests(HostFixture host)
{
    [Fact]
    public async Task AddDelegationClient_Configured_ResolvesAClientThatCallsTheHost()
    {
        var services = new ServiceCollection();
        services.AddDelegationClient(o =>
        {
            o.BaseAddress = host.BaseAddress;
            o.TokenProvider = async _ => await host.TokenAsync("keyuser");
        });
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<DelegationClient>();
        var forms = await client.GetFormsAsync();
        var health = await client.GetHealthAsync();

        Assert.Equal(["reset-password", "unlock-account"], forms.Select(f => f.Id).Order(StringComparer.Ordinal));
        Assert.True(health.IsHealthy);
        Assert.Equal(host.BaseAddress, client.BaseAddress);
    }

    [Fact]
    public async Task AddDelegationClient_NoBaseAddress_FailsWhenResolvedNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddDelegationClient(o => o.UserAgent = "x");
        await using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<DelegationClient>());

        Assert.Contains("BaseAddress", e.Message, StringComparison.Ordinal);
    }
}
