namespace DelegationWidgets.Host.Identity;

/// <summary>
/// The development token issuer (<c>POST /dev/token</c>). On by default only in the Development
/// environment and the demo; always off otherwise unless <c>DevelopmentIssuer:Enabled</c> is true.
/// </summary>
public sealed class DevelopmentIssuerOptions
{
    public const string Section = "DevelopmentIssuer";

    public bool Enabled { get; set; }

    /// <summary>The <c>iss</c> of development tokens.</summary>
    public string Issuer { get; set; } = "urn:delegationwidgets:dev";

    /// <summary>The audience development tokens are minted for (this API).</summary>
    public string Audience { get; set; } = "delegationwidgets-api";

    /// <summary>Where the RSA signing key is kept (created on first start), so tokens survive restarts and several instances can share it.</summary>
    public string KeyFile { get; set; } = "data/dev-signing-key.json";

    /// <summary>How long a development token is valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The personas file (name, subject, display name, roles).</summary>
    public string PersonasFile { get; set; } = "Identity/personas.json";
}
