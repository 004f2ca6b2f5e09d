using DelegationWidgets.Connectors;
using DelegationWidgets.Connectors.Graph;
using DelegationWidgets.Connectors.Graph.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Microsoft Graph (Entra ID) connector.</summary>
public static class GraphConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Microsoft Graph connector as an <see cref="IDirectoryConnector"/> (a singleton, safe for concurrent use) under
    /// <see cref="GraphConnectorOptions.Name"/>, and validates its options when the host starts (a misconfiguration stops the
    /// host with messages naming the <c>Graph:</c> setting). Requests go through the named <see cref="HttpClient"/>
    /// <c>DelegationWidgets.Connectors.Graph</c> from <see cref="IHttpClientFactory"/>; add handlers to it with
    /// <c>services.AddHttpClient("DelegationWidgets.Connectors.Graph")</c>. Nothing is contacted at start-up, so a Graph that
    /// is down does not stop the host (its changes fail as <see cref="ActionErrorCode.Unavailable"/>).
    /// </summary>
    public static IServiceCollection AddGraphConnector(this IServiceCollection services, Action<GraphConnectorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<GraphConnectorOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GraphConnectorOptions>, GraphConnectorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // Each attempt is bounded by Graph:RequestTimeout in the connector's pipeline, so the client itself never times out;
        // header values (the bearer token) never reach the HTTP client's logs. AddHttpClient also registers logging.
        services.AddHttpClient(GraphClient.HttpClientName)
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(_ => true);
        services.TryAddSingleton<GraphClient>();
        services.TryAddSingleton<GraphDirectoryConnector>();
        services.AddSingleton<IDirectoryConnector>(provider => provider.GetRequiredService<GraphDirectoryConnector>());
        return services;
    }
}
