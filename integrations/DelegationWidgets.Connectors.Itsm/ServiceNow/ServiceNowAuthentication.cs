namespace DelegationWidgets.Connectors.Itsm;

/// <summary>How the connector signs in to ServiceNow.</summary>
public enum ServiceNowAuthentication
{
    /// <summary>HTTP basic authentication as the integration user (<c>UserName</c>, <c>Password</c>).</summary>
    Basic,

    /// <summary>
    /// An OAuth 2.0 bearer token from <c>/oauth_token.do</c> with the client credentials grant (<c>ClientId</c>,
    /// <c>ClientSecret</c>). The instance must allow it (system property
    /// <c>glide.oauth.inbound.client.credential.grant_type.enabled</c>) and the OAuth application must name the
    /// integration user as its OAuth Application User: requests run with that user's roles.
    /// </summary>
    ClientCredentials,

    /// <summary>An OAuth 2.0 bearer token with the password grant (<c>ClientId</c>, <c>ClientSecret</c>, <c>UserName</c>, <c>Password</c>).</summary>
    Password,
}
