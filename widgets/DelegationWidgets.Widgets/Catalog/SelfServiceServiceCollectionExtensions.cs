using DelegationWidgets.Sdk;
using DelegationWidgets.Widgets.Catalog;
using DelegationWidgets.Widgets.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers what <c>dw-catalog</c>, <c>dw-requests</c> and <c>dw-approvals</c> need.</summary>
public static class SelfServiceServiceCollectionExtensions
{
    /// <summary>
    /// Adds the self-service widgets' API calls and events. Call after <c>AddDelegationWidgets()</c>: they use its page bridge
    /// (the host's token on every request) and the API address of its <see cref="DelegationClient"/>.
    /// </summary>
    public static IServiceCollection AddDelegationSelfService(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<SelfServiceEvents>();
        services.AddSingleton(provider =>
        {
            var host = provider.GetRequiredService<WidgetHost>();
            var http = new HttpClient(new HostTokenHandler(host) { InnerHandler = new HttpClientHandler() });
            return new SelfServiceApi(http, provider.GetRequiredService<DelegationClient>().BaseAddress);
        });
        return services;
    }
}
