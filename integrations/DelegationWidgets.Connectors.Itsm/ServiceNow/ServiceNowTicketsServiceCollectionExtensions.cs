using DelegationWidgets.Connectors.Itsm;
using DelegationWidgets.Connectors.Itsm.ServiceNow;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the ServiceNow ticket system.</summary>
public static class ServiceNowTicketsServiceCollectionExtensions
{
    /// <summary>
    /// Adds ServiceNow as an <see cref="ITicketSystem"/> named <c>servicenow</c> (a singleton, safe for concurrent use), and
    /// validates its options when the host starts (a misconfiguration stops the host with messages naming the
    /// <c>Tickets:ServiceNow:</c> setting). Requests go through the named <see cref="HttpClient"/>
    /// <c>DelegationWidgets.Connectors.Itsm.ServiceNow</c> from <see cref="IHttpClientFactory"/>, whose logs redact every
    /// header value. Nothing is contacted at start-up, so a ServiceNow that is down does not stop the host (verifications
    /// answer <see cref="TicketVerificationStatus.Unavailable"/>). Calling it twice registers the system once.
    /// </summary>
    public static IServiceCollection AddServiceNowTickets(this IServiceCollection services, Action<ServiceNowTicketOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<ServiceNowTicketOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServiceNowTicketOptions>, ServiceNowTicketOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(ServiceNowTicketSystem)))
        {
            return services;
        }

        // Each attempt is bounded by Tickets:ServiceNow:RequestTimeout in the system's pipeline, so the client itself never
        // times out; header values (basic credentials, the bearer token) never reach the HTTP client's logs.
        services.AddHttpClient(ServiceNowClient.HttpClientName)
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(_ => true);
        services.TryAddSingleton<ServiceNowClient>();
        services.TryAddSingleton<ServiceNowTicketSystem>();
        services.AddSingleton<ITicketSystem>(provider => provider.GetRequiredService<ServiceNowTicketSystem>());
        return services;
    }
}
