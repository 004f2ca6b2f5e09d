using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DelegationWidgets.Testing;

/// <summary>
/// An OpenID Connect issuer of our own on a loopback port: the discovery document and the signing keys (JWKS) that the
/// host fetches for an <c>Authentication:Issuers</c> entry, and tokens signed with its key. Its issuer is its address.
/// It also signs a browser in: <c>/authorize</c> answers at once (as <see cref="SignInSubject"/>) with a code bound to the
/// PKCE challenge, and <c>/token</c> gives the access token only for the matching verifier (public client, CORS open).
/// </summary>
public sealed class OidcIssuer : IAsyncDisposable
{
    private static readonly string[] SigningAlgorithms = ["RS256"];
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "oidc-test-" + Guid.NewGuid().ToString("N")[..8] };

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Challenge, string RedirectUri, string ClientId)> _codes = new();

    private OidcIssuer(WebApplication app) => _app = app;

    /// <summary>Who a browser signs in as at <c>/authorize</c>, and the roles and audience of the token <c>/token</c> gives.</summary>
    public string SignInSubject { get; set; } = "anna.agent";

    public string[] SignInRoles { get; set; } = ["helpdesk"];

    public string SignInAudience { get; set; } = "delegationwidgets-api";

    /// <summary>The token requests that carried a verifier matching their code's challenge.</summary>
    public int TokensIssued => _tokensIssued;

    private int _tokensIssued;

    /// <summary>The authority and <c>iss</c> (without a trailing slash).</summary>
    public string Authority { get; private set; } = "";

    public static async Task<OidcIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var issuer = new OidcIssuer(app);
        app.Use((context, next) =>
        {
            context.Response.Headers.AccessControlAllowOrigin = "*";
            return next();
        });
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer.Authority,
            ["jwks_uri"] = issuer.Authority + "/jwks",
            ["authorization_endpoint"] = issuer.Authority + "/authorize",
            ["token_endpoint"] = issuer.Authority + "/token",
            ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
        }));
        app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(issuer._key.Rsa.ExportParameters(false)) { KeyId = issuer._key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } });
        });
        app.MapGet("/authorize", (HttpRequest request) =>
        {
            var q = request.Query;
            if (q["response_type"] != "code" || q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"]) || string.IsNullOrEmpty(q["redirect_uri"]))
            {
                return Results.BadRequest("authorization code with PKCE (S256) only");
            }

            var code = Guid.NewGuid().ToString("N");
            issuer._codes[code] = (q["code_challenge"]!, q["redirect_uri"]!, q["client_id"]!);
            return Results.Redirect($"{q["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(q["state"].ToString())}");
        });
        app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["grant_type"] != "authorization_code" || !issuer._codes.TryRemove(form["code"].ToString(), out var granted)
                || granted.RedirectUri != form["redirect_uri"] || granted.ClientId != form["client_id"]
                || Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != granted.Challenge)
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }

            Interlocked.Increment(ref issuer._tokensIssued);
            return Results.Json(new { access_token = issuer.Token(issuer.SignInSubject, issuer.SignInAudience, issuer.SignInRoles), token_type = "Bearer", expires_in = 1800 });
        });
        await app.StartAsync();
        issuer.Authority = app.Urls.First().TrimEnd('/');
        return issuer;
    }

    /// <summary>A token of this issuer for the API.</summary>
    public string Token(string subject, string audience, params string[] roles) =>
        Token(subject, audience, TimeSpan.FromMinutes(30), new Dictionary<string, object> { ["roles"] = roles });

    /// <summary>
    /// A token with these further claims (a string array becomes a JSON array; other objects are serialised as JSON), living
    /// <paramref name="lifetime"/> from <paramref name="issuedAt"/> (default: now), issued as <paramref name="issuer"/> (default: this issuer's address).
    /// </summary>
    public string Token(string subject, string audience, TimeSpan lifetime, IReadOnlyDictionary<string, object> claims, string? issuer = null, DateTime? issuedAt = null)
    {
        var now = DateTime.UtcNow;
        var issued = issuedAt ?? now;
        var all = new Dictionary<string, object>(claims) { ["sub"] = subject };
        all.TryAdd("name", subject);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Authority,
            Audience = audience,
            Claims = all,
            IssuedAt = issued,
            NotBefore = now,
            Expires = issued + lifetime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>The public key as PEM (SubjectPublicKeyInfo), for issuers configured with a key file instead of discovery (ServiceNow).</summary>
    public string PublicKeyPem() => _key.Rsa.ExportSubjectPublicKeyInfoPem();

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _key.Rsa.Dispose();
    }
}
