using DelegationWidgets.Connectors.Itsm;
using DelegationWidgets.Connectors.Itsm.Topdesk;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the TOPdesk ticket system.</summary>
public static class TopdeskTicketsServiceCollectionExtensions
{
    /// <summary>
    /// Adds TOPdesk as an <see cref="ITicketSystem"/> named <c>topdesk</c> (a singleton, safe for concurrent use), and
    /// validates its options when the host starts (a misconfiguration stops the host with messages naming the
    /// <c>Tickets:Topdesk:</c> setting). Requests go through the named <see cref="HttpClient"/>
    /// <c>DelegationWidgets.Connectors.Itsm.Topdesk</c> from <see cref="IHttpClientFactory"/>, whose logs redact every header
    /// value. Nothing is contacted at start-up. Calling it twice registers the system once.
    /// </summary>
    public static IServiceCollection AddTopdeskTickets(this IServiceCollection services, Action<TopdeskTicketOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<TopdeskTicketOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TopdeskTicketOptions>, TopdeskTicketOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(TopdeskTicketSystem)))
        {
            return services;
        }

        // Each attempt is bounded by Tickets:Topdesk:RequestTimeout in the system's pipeline, so the client itself never times
        // out; header values (the basic credentials with the application password) never reach the HTTP client's logs.
        services.AddHttpClient(TopdeskTicketSystem.HttpClientName)
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(_ => true);
        services.TryAddSingleton<TopdeskTicketSystem>();
        services.AddSingleton<ITicketSystem>(provider => provider.GetRequiredService<TopdeskTicketSystem>());
        return services;
    }
}
