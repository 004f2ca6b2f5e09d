using System.ComponentModel.DataAnnotations;

namespace DelegationWidgets.Host.Identity;

/// <summary>
/// The issuers whose tokens this API accepts besides the development issuer, each by name, e.g.
/// <c>Authentication__Issuers__0__Name=corp</c>, <c>…__Kind=Entra</c>, <c>…__Authority=https://login.microsoftonline.com/{tenant}/v2.0</c>,
/// <c>…__Audience=api://dw</c>.
/// </summary>
public sealed class AuthenticationOptions
{
    public const string Section = "Authentication";

    public IList<TrustedIssuerOptions> Issuers { get; } = [];
}

/// <summary>What kind of issuer an entry is: how its signing keys are found and what else its tokens must carry.</summary>
public enum IssuerKind
{
    /// <summary>Any OpenID Connect provider: keys from the authority's discovery document.</summary>
    Oidc,

    /// <summary>Microsoft Entra ID (e.g. tokens a SharePoint web part gets for this API): OIDC, plus the tenant allow-list and the delegated scopes.</summary>
    Entra,

    /// <summary>A ServiceNow instance minting RS256 JWTs with <c>sn_auth.GlideJWTAPI</c>: a configured public key, short-lived, single-use (<c>jti</c>), with the ticket.</summary>
    ServiceNow,
}

/// <summary>One trusted issuer.</summary>
public sealed class TrustedIssuerOptions : IValidatableObject
{
    [Required]
    [RegularExpression("^[a-z][a-z0-9-]*$", ErrorMessage = "Authentication:Issuers:N:Name must be lower-case letters, digits and dashes.")]
    public string Name { get; set; } = "";

    public IssuerKind Kind { get; set; } = IssuerKind.Oidc;

    /// <summary>The OIDC authority; its discovery document gives the issuer and signing keys (Oidc, Entra).</summary>
    [Url]
    public string? Authority { get; set; }

    /// <summary>The exact <c>iss</c> value of its tokens (defaults to the authority; for ServiceNow the instance URL, required).</summary>
    public string? Issuer { get; set; }

    [Required]
    public string Audience { get; set; } = "";

    /// <summary>Entra: the tenant ids (<c>tid</c>) whose tokens are accepted; required for Entra.</summary>
    public IList<string> Tenants { get; } = [];

    /// <summary>Entra: a token must carry at least one of these delegated scopes in <c>scp</c> (e.g. <c>user_impersonation</c>); none: no check.</summary>
    public IList<string> RequiredScopes { get; } = [];

    /// <summary>ServiceNow: the PEM file with the public key or certificate of the instance's JWT signing key.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>ServiceNow: the longest a token may live (<c>exp</c> − <c>iat</c>); default 5 minutes.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The <c>iss</c> value this entry accepts.</summary>
    public string EffectiveIssuer => Issuer ?? Authority ?? "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        switch (Kind)
        {
            case IssuerKind.ServiceNow:
                if (string.IsNullOrWhiteSpace(Issuer) || !Uri.TryCreate(Issuer, UriKind.Absolute, out _))
                {
                    yield return new ValidationResult("Issuer must be the ServiceNow instance's URL (the iss of its tokens), e.g. https://acme.service-now.com.");
                }

                if (string.IsNullOrWhiteSpace(SigningKeyFile))
                {
                    yield return new ValidationResult("SigningKeyFile must name the PEM file with the public key or certificate of the instance's JWT signing key.");
                }
                else if (!File.Exists(AppPaths.Shipped(SigningKeyFile)))
                {
                    yield return new ValidationResult($"SigningKeyFile '{SigningKeyFile}' does not exist.");
                }

                if (MaxTokenLifetime <= TimeSpan.Zero || MaxTokenLifetime > TimeSpan.FromHours(1))
                {
                    yield return new ValidationResult($"MaxTokenLifetime must be more than 0 and at most 1 hour (it is {MaxTokenLifetime}).");
                }

                break;
            default:
                if (string.IsNullOrWhiteSpace(Authority))
                {
                    yield return new ValidationResult("Authority is required: the OpenID Connect authority whose discovery document gives the signing keys.");
                }

                if (Kind == IssuerKind.Entra && Tenants.Count == 0)
                {
                    yield return new ValidationResult("Tenants must list the Entra tenant ids (tid) whose tokens are accepted.");
                }

                break;
        }
    }
}
