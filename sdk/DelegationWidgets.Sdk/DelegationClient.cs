using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DelegationWidgets.Sdk.Serialization;

namespace DelegationWidgets.Sdk;

/// <summary>
/// The client of the DelegationWidgets REST API (<c>/api/v1</c>): forms, lookups, submissions, changes, the
/// audit trail, and self-service (the catalog, requests, approvals and deputies). Every method is asynchronous and
/// takes a <see cref="CancellationToken"/>; lists the server pages are <see cref="IAsyncEnumerable{T}"/> that fetch
/// the next page as you enumerate (the self-service lists are not paged). An error answer of the API becomes a
/// <see cref="DelegationApiException"/>. The client checks only its own arguments; the server validates the rest.
/// Thread-safe: share one instance.
/// </summary>
/// <remarks>
/// Register it with <c>services.AddDelegationClient(…)</c> to get retries of requests that are safe to repeat; a
/// client constructed with your own <see cref="HttpClient"/> sends every request exactly once.
/// <para>
/// The self-service texts the server writes (product, category and step titles, rules, field values, problem titles and
/// details) are in the caller's <c>Accept-Language</c>: English or Dutch (<c>nl</c>), English by default. The client sends
/// no <c>Accept-Language</c> of its own, so the <see cref="HttpClient"/>'s default headers apply: set
/// <c>httpClient.DefaultRequestHeaders.AcceptLanguage</c> on the client you construct it with, or, when it is registered
/// with <c>AddDelegationClient</c>, through the returned builder:
/// <c>.ConfigureHttpClient(http =&gt; http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("nl"))</c>. That is one language
/// per client; for a language per user, add a handler to the builder that sets the header per request. In a browser
/// (Blazor WebAssembly) the browser sends its own languages unless you set them.
/// </para>
/// </remarks>
public partial class DelegationClient
{
    /// <summary>The header that makes a submission safe to repeat.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private static readonly string DefaultUserAgent = "DelegationWidgets.Sdk/" + VersionOf(typeof(DelegationClient).Assembly);

    private readonly HttpClient _http = null!;
    private readonly Uri _baseAddress = null!;
    private readonly Func<CancellationToken, ValueTask<string?>>? _tokenProvider;
    private readonly string _userAgent = DefaultUserAgent;

    /// <summary>A client that sends its requests through <paramref name="httpClient"/>.</summary>
    /// <param name="httpClient">The HTTP client to use; its own <c>BaseAddress</c> is not used.</param>
    /// <param name="options">Where the API is and who to call it as; <see cref="DelegationClientOptions.BaseAddress"/> is required.</param>
    /// <exception cref="ArgumentException">The base address is missing or not absolute.</exception>
    public DelegationClient(HttpClient httpClient, DelegationClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _http = httpClient;
        _baseAddress = NormalizeBaseAddress(options.BaseAddress);
        _tokenProvider = options.TokenProvider;
        _userAgent = string.IsNullOrWhiteSpace(options.UserAgent) ? DefaultUserAgent : options.UserAgent;
    }

    /// <summary>For mocking: a client whose methods must all be overridden.</summary>
    protected DelegationClient()
    {
    }

    /// <summary>The API's address, as given in the options (always ending in <c>/</c>).</summary>
    public virtual Uri BaseAddress => _baseAddress;

    internal static Uri NormalizeBaseAddress(Uri? baseAddress)
    {
        if (baseAddress is null)
        {
            throw new ArgumentException("Set DelegationClientOptions.BaseAddress to the address of the DelegationWidgets host, e.g. https://dw.example/.", nameof(baseAddress));
        }

        if (!baseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException($"DelegationClientOptions.BaseAddress must be an absolute URI; '{baseAddress}' is relative.", nameof(baseAddress));
        }

        var text = baseAddress.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith('/') ? text : text + "/", UriKind.Absolute);
    }

    private async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Resolve(path));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, type, cancellationToken).ConfigureAwait(false);
    }

    private Uri Resolve(string pathAndQuery) => new(_baseAddress, pathAndQuery);

    private static ByteArrayContent JsonBody<T>(T value, JsonTypeInfo<T> type)
    {
        // Bytes, not a stream: a retry sends the same content again.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, type));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsBrowser())
        {
            // In a browser the browser owns User-Agent; sent cross-origin it would need a CORS preflight the API does not allow.
            request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        }

        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("application/problem+json");
        if (_tokenProvider is not null)
        {
            var token = await _tokenProvider(cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(token))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
        }

        return await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
    }

    private static async Task ThrowIfFailedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemReader.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken).ConfigureAwait(false)
                    ?? throw new JsonException("The body was null.");
            }
        }
        catch (JsonException e)
        {
            throw new DelegationApiException((int)response.StatusCode, null, "The response could not be read.",
                $"Expected {typeof(T).Name} as JSON: {e.Message}", innerException: e);
        }
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private static string VersionOf(Assembly assembly)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }

    private static SdkJson Types => SdkJson.Default;
}
