using DelegationWidgets.Host.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DelegationWidgets.Host.Identity;

/// <summary>
/// JwtBearer for every trusted issuer, one scheme each, behind a policy scheme that picks the scheme
/// by the token's <c>iss</c>. A token from an unknown issuer, with a bad signature, the wrong audience,
/// <c>alg: none</c> or expired is answered with a 401 problem response.
/// </summary>
internal static class AuthenticationSetup
{
    public const string PolicyScheme = "dw";
    public const string DevelopmentScheme = "dev";
    private const string RejectScheme = "reject";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static void AddDelegationAuthentication(this WebApplicationBuilder builder)
    {
        var dev = builder.Configuration.GetSection(DevelopmentIssuerOptions.Section).Get<DevelopmentIssuerOptions>() ?? new();
        var trusted = builder.Configuration.GetSection(AuthenticationOptions.Section).Get<AuthenticationOptions>() ?? new();
        builder.Services.AddOptions<DevelopmentIssuerOptions>().BindConfiguration(DevelopmentIssuerOptions.Section);
        foreach (var issuer in trusted.Issuers)
        {
            var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
            if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(issuer, new(issuer), results, validateAllProperties: true))
            {
                throw new OptionsValidationException(AuthenticationOptions.Section, typeof(TrustedIssuerOptions),
                    results.Select(r => $"Authentication:Issuers ('{issuer.Name}'): {r.ErrorMessage}"));
            }
        }

        var issuerToScheme = new Dictionary<string, string>(StringComparer.Ordinal);
        var auth = builder.Services.AddAuthentication(PolicyScheme);
        auth.AddPolicyScheme(PolicyScheme, "By issuer", o => o.ForwardDefaultSelector = context =>
            SchemeFor(context, issuerToScheme));

        if (dev.Enabled)
        {
            builder.Services.AddSingleton<DevelopmentIssuer>();
            issuerToScheme[dev.Issuer] = DevelopmentScheme;
            auth.AddJwtBearer(DevelopmentScheme, _ => { });
            builder.Services.AddOptions<JwtBearerOptions>(DevelopmentScheme)
                .Configure<DevelopmentIssuer>((o, issuer) =>
                {
                    Configure(o, dev.Issuer, dev.Audience);
                    o.TokenValidationParameters.IssuerSigningKey = issuer.SigningKey;
                });
        }

        builder.Services.AddSingleton(new TrustedIssuers(
            issuerToScheme.Keys.Concat(trusted.Issuers.Select(i => i.EffectiveIssuer)).ToHashSet(StringComparer.Ordinal),
            trusted.Issuers.Where(i => i.Kind == IssuerKind.ServiceNow).Select(i => i.EffectiveIssuer).ToHashSet(StringComparer.Ordinal)));
        builder.Services.AddSingleton<TokenReplay>();
        foreach (var issuer in trusted.Issuers)
        {
            var name = "issuer-" + issuer.Name;
            issuerToScheme[issuer.EffectiveIssuer] = name;
            auth.AddJwtBearer(name, o =>
            {
                Configure(o, issuer.EffectiveIssuer, issuer.Audience, issuer);
                if (issuer.Kind == IssuerKind.ServiceNow)
                {
                    // ServiceNow publishes no discovery document: the key is configured.
                    o.TokenValidationParameters.IssuerSigningKey = LoadPublicKey(AppPaths.Shipped(issuer.SigningKeyFile!));
                }
                else
                {
                    o.Authority = issuer.Authority;
                }
            });
        }

        // Tokens from issuers nobody configured land here and fail: default deny.
        auth.AddJwtBearer(RejectScheme, o =>
        {
            Configure(o, "urn:delegationwidgets:no-issuer", "urn:delegationwidgets:no-audience");
            o.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) => [];
        });
    }

    private static void Configure(JwtBearerOptions o, string issuer, string audience, TrustedIssuerOptions? trusted = null)
    {
        o.MapInboundClaims = false;
        o.RequireHttpsMetadata = false;
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
                SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.RsaSsaPssSha256],
            ClockSkew = ClockSkew,
            NameClaimType = "name",
            RoleClaimType = "roles",
        };
        o.Events = new JwtBearerEvents
        {
            OnTokenValidated = async context =>
            {
                if (trusted is not null && await IssuerRulesAsync(context, trusted) is { } refusal)
                {
                    context.Fail(new TokenRefusedException(refusal));
                }
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                var detail = context.AuthenticateFailure switch
                {
                    SecurityTokenExpiredException => "The access token has expired. Get a new token and try again.",
                    SecurityTokenInvalidAudienceException => "The access token was issued for another audience.",
                    SecurityTokenInvalidIssuerException => "The access token's issuer is not trusted by this API.",
                    SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The access token's signature is not valid.",
                    TokenRefusedException refused => refused.Message,
                    null => "Send an access token in the Authorization header: 'Bearer <token>'.",
                    _ => "The access token is not valid.",
                };
                var problem = Problem.Create(StatusCodes.Status401Unauthorized, ErrorIds.Unauthenticated, "Authentication required.", detail);
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await problem.ExecuteAsync(context.HttpContext);
            },
        };
    }

    /// <summary>What a trusted issuer's kind asks of a token beyond signature, issuer, audience and lifetime; null when it passes.</summary>
    private static async Task<string?> IssuerRulesAsync(TokenValidatedContext context, TrustedIssuerOptions issuer)
    {
        var principal = context.Principal!;
        switch (issuer.Kind)
        {
            case IssuerKind.Entra:
                var tenant = principal.FindFirst("tid")?.Value;
                if (tenant is null || !issuer.Tenants.Contains(tenant, StringComparer.OrdinalIgnoreCase))
                {
                    return "The access token comes from a tenant this API does not accept.";
                }

                var scopes = (principal.FindFirst("scp")?.Value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (issuer.RequiredScopes.Count > 0 && !scopes.Intersect(issuer.RequiredScopes, StringComparer.Ordinal).Any())
                {
                    return $"The access token lacks the scope this API requires ({string.Join(" or ", issuer.RequiredScopes)}).";
                }

                return null;
            case IssuerKind.ServiceNow:
                if (context.SecurityToken is not JsonWebToken token || string.IsNullOrEmpty(token.Id) || token.IssuedAt == DateTime.MinValue)
                {
                    return "The access token must carry jti and iat: it is single-use.";
                }

                if (token.IssuedAt > DateTime.UtcNow + ClockSkew)
                {
                    return "The access token was issued in the future; check the ServiceNow instance's clock.";
                }

                if (token.ValidTo - token.IssuedAt > issuer.MaxTokenLifetime)
                {
                    return $"The access token lives longer than {issuer.MaxTokenLifetime.TotalMinutes:0.#} minutes; mint short-lived tokens.";
                }

                if (principal.FindFirst(Caller.TicketClaim) is { } ticket && SignedTicket.Parse(ticket.Value) is null)
                {
                    return "The access token's ticket claim is not an object with table, sys_id and number.";
                }

                var replay = context.HttpContext.RequestServices.GetRequiredService<TokenReplay>();
                // Kept until the token can no longer pass validation (its expiry plus the clock skew allowed).
                return await replay.TryUseAsync(token.Issuer, token.Id, token.ValidTo + ClockSkew, context.HttpContext.RequestAborted)
                    ? null
                    : "The access token was used before; each ServiceNow token is single-use.";
            default:
                return null;
        }
    }

    /// <summary>The public key in a PEM file: a certificate or a SubjectPublicKeyInfo (RSA).</summary>
    private static RsaSecurityKey LoadPublicKey(string path)
    {
        var pem = File.ReadAllText(path);
        var rsa = System.Security.Cryptography.RSA.Create();
        if (pem.Contains("BEGIN CERTIFICATE", StringComparison.Ordinal))
        {
            using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(pem);
            using var key = System.Security.Cryptography.X509Certificates.RSACertificateExtensions.GetRSAPublicKey(certificate)
                ?? throw new InvalidOperationException($"The certificate in '{path}' has no RSA public key.");
            rsa.ImportParameters(key.ExportParameters(false));
        }
        else
        {
            rsa.ImportFromPem(pem);
        }

        return new RsaSecurityKey(rsa);
    }

    private static string SchemeFor(HttpContext context, Dictionary<string, string> issuerToScheme)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return issuerToScheme.Values.FirstOrDefault() ?? RejectScheme;
        }

        try
        {
            var token = new JsonWebToken(header["Bearer ".Length..].Trim());
            return issuerToScheme.TryGetValue(token.Issuer, out var scheme) ? scheme : RejectScheme;
        }
        catch (ArgumentException)
        {
            return RejectScheme;
        }
    }
}

/// <summary>
/// The <c>iss</c> values of every issuer whose tokens this API accepts (grants may name them), and of those whose tokens
/// may carry a signed ticket (ServiceNow): a <c>ticket</c> claim from any other issuer is ignored.
/// </summary>
internal sealed record TrustedIssuers(IReadOnlySet<string> Values, IReadOnlySet<string> TicketSigners);

/// <summary>A token that passed signature and lifetime checks but breaks its issuer's rules (tenant, scope, single use, lifetime).</summary>
internal sealed class TokenRefusedException(string message) : Exception(message);
