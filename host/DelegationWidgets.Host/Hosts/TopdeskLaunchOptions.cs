namespace DelegationWidgets.Host.Hosts;

/// <summary>
/// The TOPdesk launch page (<c>/hosts/topdesk?incident=…</c>), settings under <c>Hosts:Topdesk</c>. An operator opens it
/// from a TOPdesk incident (an action sequence or a link field); it signs the operator in with OpenID Connect
/// (authorization code with PKCE, in the browser) and shows the delegated form for that incident.
/// </summary>
public sealed class TopdeskLaunchOptions
{
    public const string Section = "Hosts:Topdesk";

    /// <summary>The OpenID Connect authority the operator signs in with (one of the trusted issuers).</summary>
    public string? Authority { get; set; }

    /// <summary>The public client (SPA) registered at the authority, with this page as its redirect URI.</summary>
    public string? ClientId { get; set; }

    /// <summary>The scope asked for: the API's scope (e.g. <c>api://dw/user_impersonation</c>), plus <c>openid</c>.</summary>
    public string Scope { get; set; } = "openid";

    /// <summary>The form the page opens (default <c>reset-password</c>; <c>?form=</c> picks another).</summary>
    public string Form { get; set; } = "reset-password";

    /// <summary>The page's language (<c>nl</c> or <c>en</c>; default <c>nl</c>).</summary>
    public string Language { get; set; } = "nl";

    public bool SignInConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
