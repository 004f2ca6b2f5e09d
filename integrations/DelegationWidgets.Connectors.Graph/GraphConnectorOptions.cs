using DelegationWidgets.Connectors.Http;

namespace DelegationWidgets.Connectors.Graph;

/// <summary>
/// Settings of the Microsoft Graph connector (configuration section <c>Graph</c>): where Graph and the tenant's token
/// endpoint are, the app registration the connector signs in as (OAuth 2.0 client credentials), and how it copes with a
/// Graph that fails: a timeout per attempt, retries with back-off, and a circuit breaker (the settings of
/// <see cref="HttpConnectorOptions"/>).
/// </summary>
public sealed class GraphConnectorOptions : HttpConnectorOptions
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

    internal Uri EffectiveBaseUrl => new(BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/", UriKind.Absolute);

    /// <summary>Keeps the client secret out of logs.</summary>
    public override string ToString() =>
        $"GraphConnectorOptions {{ Name = {Name}, BaseUrl = {BaseUrl}, TokenEndpoint = {TokenEndpoint}, ClientId = {ClientId}, ClientSecret = [redacted], Scope = {Scope} }}";
}
