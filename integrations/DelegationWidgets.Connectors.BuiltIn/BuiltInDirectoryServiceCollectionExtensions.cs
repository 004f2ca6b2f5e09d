using DelegationWidgets.Connectors;
using DelegationWidgets.Connectors.BuiltIn;
using DelegationWidgets.Connectors.BuiltIn.Seeding;
using DelegationWidgets.Connectors.BuiltIn.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the built-in directory.</summary>
public static class BuiltInDirectoryServiceCollectionExtensions
{
    /// <summary>
    /// Adds the built-in directory as an <see cref="IDirectoryConnector"/> (a singleton, safe for concurrent use),
    /// validates its options when the host starts, and registers a hosted service that migrates the directory's
    /// tables and seeds them once when empty. Hosted services start before the web server accepts requests, so
    /// the host needs no further call.
    /// </summary>
    public static IServiceCollection AddBuiltInDirectory(this IServiceCollection services, Action<BuiltInDirectoryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<BuiltInDirectoryOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BuiltInDirectoryOptions>, BuiltInDirectoryOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddPooledDbContextFactory<DirectoryDbContext>((provider, builder) =>
            DirectoryDbContext.Configure(builder, provider.GetRequiredService<IOptions<BuiltInDirectoryOptions>>().Value.ConnectionString));
        services.TryAddSingleton<BuiltInDirectoryConnector>();
        services.AddSingleton<IDirectoryConnector>(provider => provider.GetRequiredService<BuiltInDirectoryConnector>());
        services.AddHostedService<DirectoryInitializer>();
        return services;
    }
}
