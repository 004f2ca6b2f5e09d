using DelegationWidgets.Sdk;
using DelegationWidgets.Sdk.Retry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the <see cref="DelegationClient"/>.</summary>
public static class DelegationClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="DelegationClient"/> as a typed <see cref="HttpClient"/> client with a Polly policy:
    /// requests that are safe to repeat (GET, and submissions and self-service requests, which always carry an
    /// <c>Idempotency-Key</c>) are retried with exponential backoff on network failures, timeouts, 408, 429 (honouring
    /// <c>Retry-After</c>) and 5xx except 501; every other request (<c>POST /dev/token</c>, cancelling a request, a
    /// decision, naming a deputy) is sent once. Each try has a timeout
    /// (<see cref="DelegationRetryOptions.TryTimeout"/>). Add your own handlers to the returned builder; they run
    /// inside the policy, once per try.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the base address (required), the token provider and the retry options.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder AddDelegationClient(this IServiceCollection services, Action<DelegationClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<DelegationClientOptions>()
            .Configure(configure)
            .Validate(o => o.BaseAddress is { IsAbsoluteUri: true }, "Set DelegationClientOptions.BaseAddress to the absolute address of the DelegationWidgets host, e.g. https://dw.example/.")
            .Validate(o => o.Retry.MaxRetries >= 0 && o.Retry.Delay >= TimeSpan.Zero && o.Retry.MaxDelay >= TimeSpan.Zero && o.Retry.TryTimeout > TimeSpan.Zero,
                "DelegationClientOptions.Retry: MaxRetries, Delay and MaxDelay must not be negative, and TryTimeout must be positive.");
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RetryPolicies>();
        return services
            .AddHttpClient(nameof(DelegationClient))
            .AddTypedClient((http, provider) => new DelegationClient(http, provider.GetRequiredService<IOptions<DelegationClientOptions>>().Value))
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan) // bounded per try by the policy; an overall deadline is the caller's token
            .AddPolicyHandler((provider, request) => provider.GetRequiredService<RetryPolicies>().For(request));
    }
}
