using System.Diagnostics.CodeAnalysis;
using DelegationWidgets.Sdk;
using DelegationWidgets.Widgets.Forms;
using DelegationWidgets.Widgets.Hosting;
using Microsoft.JSInterop;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers what the widgets need: the host bridge and a <see cref="DelegationClient"/> for the API that served them.</summary>
public static class WidgetServiceCollectionExtensions
{
    /// <summary>
    /// Adds the widgets' services. The API's address comes from <c>loader.js</c> (the origin it was loaded from, or its
    /// <c>data-api</c> attribute), read synchronously from the WebAssembly runtime. The client is a plain
    /// <see cref="HttpClient"/> with the host's token (no HttpClientFactory or Polly retry pipeline: they cost start-up time
    /// and bundle size in the browser; a failed apply can be clicked again and keeps its idempotency key).
    /// </summary>
    [DynamicDependency(nameof(ProfileLoader.VerdictsAsync), typeof(ProfileLoader))] // called from JavaScript only
    public static IServiceCollection AddDelegationWidgets(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<WidgetHost>();
        services.AddSingleton(provider =>
        {
            var host = provider.GetRequiredService<WidgetHost>();
            var http = new HttpClient(new HostTokenHandler(host) { InnerHandler = new HttpClientHandler() });
            return new DelegationClient(http, new DelegationClientOptions { BaseAddress = ApiBase(provider.GetRequiredService<IJSRuntime>()) });
        });
        return services;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The result is a string, which needs no reflection.")]
    private static Uri ApiBase(IJSRuntime js) => new(((IJSInProcessRuntime)js).Invoke<string>("DelegationWidgets.apiBase"));
}
