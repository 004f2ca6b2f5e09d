using System.ComponentModel.DataAnnotations;

namespace DelegationWidgets.Host.Identity;

/// <summary>
/// The issuers whose tokens this API accepts besides the development issuer, each by name, e.g.
/// <c>Authentication__Issuers__0__Name=corp</c>, <c>…__Authority=https://login.example/tenant/v2.0</c>, <c>…__Audience=api://dw</c>.
/// </summary>
public sealed class AuthenticationOptions
{
    public const string Section = "Authentication";

    public IList<TrustedIssuerOptions> Issuers { get; } = [];
}

/// <summary>One trusted OpenID Connect issuer.</summary>
public sealed class TrustedIssuerOptions
{
    [Required]
    [RegularExpression("^[a-z][a-z0-9-]*$", ErrorMessage = "Authentication:Issuers:N:Name must be lower-case letters, digits and dashes.")]
    public string Name { get; set; } = "";

    /// <summary>The OIDC authority; its discovery document gives the issuer and signing keys.</summary>
    [Required]
    [Url]
    public string Authority { get; set; } = "";

    /// <summary>The exact <c>iss</c> value of its tokens (defaults to the authority).</summary>
    public string? Issuer { get; set; }

    [Required]
    public string Audience { get; set; } = "";
}
