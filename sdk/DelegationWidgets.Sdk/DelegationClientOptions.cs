using DelegationWidgets.Sdk.Retry;

namespace DelegationWidgets.Sdk;

/// <summary>How a <see cref="DelegationClient"/> reaches the API and who it calls as.</summary>
public sealed class DelegationClientOptions
{
    /// <summary>
    /// The address of the DelegationWidgets host, e.g. <c>https://dw.example/</c>. Required and absolute; a path
    /// (<c>https://intranet.example/dw/</c>) is kept, so the API is reached below it.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// Returns the bearer token to send, or <see langword="null"/> for an anonymous request. Called once per
    /// request (not per retry of that request), so it can hand out a cached token and renew it when it expires.
    /// </summary>
    public Func<CancellationToken, ValueTask<string?>>? TokenProvider { get; set; }

    /// <summary>
    /// The <c>User-Agent</c> sent with every request; by default <c>DelegationWidgets.Sdk/&lt;version&gt;</c>. Not sent from
    /// a browser (Blazor WebAssembly), where the browser sets it.
    /// </summary>
    public string? UserAgent { get; set; }

    /// <summary>
    /// Retries of requests that are safe to repeat, applied by the <see cref="System.Net.Http.HttpClient"/> that
    /// <c>AddDelegationClient</c> registers. A client constructed with your own <c>HttpClient</c> does not retry.
    /// </summary>
    public DelegationRetryOptions Retry { get; } = new();
}
