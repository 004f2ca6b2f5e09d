using DelegationWidgets.Connectors;
using DelegationWidgets.Connectors.Ldap;
using DelegationWidgets.Connectors.Ldap.Connection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Active Directory connector.</summary>
public static class LdapConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Active Directory connector as an <see cref="IDirectoryConnector"/> (a singleton, safe for concurrent use) under
    /// <see cref="LdapConnectorOptions.Name"/>, and validates its options when the host starts (a misconfiguration stops the
    /// host with messages naming the <c>Ldap:</c> setting). The connector connects on first use; nothing is contacted at
    /// start-up, so a DC that is down does not stop the host (its changes fail as <see cref="ActionErrorCode.Unavailable"/>).
    /// </summary>
    public static IServiceCollection AddLdapConnector(this IServiceCollection services, Action<LdapConnectorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<LdapConnectorOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LdapConnectorOptions>, LdapConnectorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // The host's logging when it has one (it registers logging first); silence otherwise.
        services.TryAdd(ServiceDescriptor.Singleton(typeof(ILogger<>), typeof(NullLogger<>)));
        services.TryAddSingleton<LdapGateway>();
        services.TryAddSingleton<LdapDirectoryConnector>();
        services.AddSingleton<IDirectoryConnector>(provider => provider.GetRequiredService<LdapDirectoryConnector>());
        return services;
    }
}
