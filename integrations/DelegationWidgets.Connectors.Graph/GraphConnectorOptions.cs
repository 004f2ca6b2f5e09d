namespace DelegationWidgets.Connectors.Graph;

/// <summary>
/// Settings of the Microsoft Graph connector (configuration section <c>Graph</c>): where Graph and the tenant's token
/// endpoint are, the app registration the connector signs in as (OAuth 2.0 client credentials), and how it copes with a
/// Graph that fails: a timeout per attempt, retries with back-off, and a circuit breaker.
/// </summary>
public sealed class GraphConnectorOptions
{
    /// <summary>The configuration section the host binds (<c>Graph</c>).</summary>
    public const string Section = "Graph";

    /// <summary>The logical target name forms refer to (default <c>directory</c>, so it can replace the built-in directory).</summary>
    public string Name { get; set; } = "directory";

    /// <summary>Microsoft Graph with its version (default <c>https://graph.microsoft.com/v1.0/</c>; national clouds have their own host).</summary>
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0/";

    /// <summary>The tenant's token endpoint, <c>https://login.microsoftonline.com/{tenant id}/oauth2/v2.0/token</c>.</summary>
    public string TokenEndpoint { get; set; } = "";

    /// <summary>The application (client) id of the connector's app registration.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>A client secret of that app registration. Never logged.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>What the token is for: Graph's <c>.default</c> scope, i.e. the application permissions granted to the app registration.</summary>
    public string Scope { get; set; } = "https://graph.microsoft.com/.default";

    /// <summary>How long one attempt of one request may take before it is abandoned (default 10 seconds).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a request that failed transiently is sent again, where that is safe (default 3).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The median wait before the first retry; later ones wait exponentially longer, with jitter (default 0.5 seconds). A <c>Retry-After</c> from Graph wins.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The share of failed attempts within <see cref="CircuitSamplingDuration"/> that opens the circuit (default 0.5).</summary>
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>The circuit opens only after at least this many attempts within <see cref="CircuitSamplingDuration"/> (default 8: two requests that failed every attempt).</summary>
    public int CircuitMinimumThroughput { get; set; } = 8;

    /// <summary>The window over which <see cref="CircuitFailureRatio"/> is measured (default 30 seconds).</summary>
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails every request at once before one request may try Graph again (default 30 seconds).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    internal Uri EffectiveBaseUrl => new(BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/", UriKind.Absolute);

    /// <summary>Keeps the client secret out of logs.</summary>
    public override string ToString() =>
        $"GraphConnectorOptions {{ Name = {Name}, BaseUrl = {BaseUrl}, TokenEndpoint = {TokenEndpoint}, ClientId = {ClientId}, ClientSecret = [redacted], Scope = {Scope} }}";
}
