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

        builder.Services.AddSingleton(new TrustedIssuers(issuerToScheme.Keys.Concat(trusted.Issuers.Select(i => i.Issuer ?? i.Authority)).ToHashSet(StringComparer.Ordinal)));
        foreach (var issuer in trusted.Issuers)
        {
            var name = "issuer-" + issuer.Name;
            issuerToScheme[issuer.Issuer ?? issuer.Authority] = name;
            auth.AddJwtBearer(name, o =>
            {
                o.Authority = issuer.Authority;
                Configure(o, issuer.Issuer ?? issuer.Authority, issuer.Audience);
            });
        }

        // Tokens from issuers nobody configured land here and fail: default deny.
        auth.AddJwtBearer(RejectScheme, o =>
        {
            Configure(o, "urn:delegationwidgets:no-issuer", "urn:delegationwidgets:no-audience");
            o.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) => [];
        });
    }

    private static void Configure(JwtBearerOptions o, string issuer, string audience)
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
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = "name",
            RoleClaimType = "roles",
        };
        o.Events = new JwtBearerEvents
        {
            OnChallenge = async context =>
            {
                context.HandleResponse();
                var detail = context.AuthenticateFailure switch
                {
                    SecurityTokenExpiredException => "The access token has expired. Get a new token and try again.",
                    SecurityTokenInvalidAudienceException => "The access token was issued for another audience.",
                    SecurityTokenInvalidIssuerException => "The access token's issuer is not trusted by this API.",
                    SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The access token's signature is not valid.",
                    null => "Send an access token in the Authorization header: 'Bearer <token>'.",
                    _ => "The access token is not valid.",
                };
                var problem = Problem.Create(StatusCodes.Status401Unauthorized, ErrorIds.Unauthenticated, "Authentication required.", detail);
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await problem.ExecuteAsync(context.HttpContext);
            },
        };
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

/// <summary>The <c>iss</c> values of every issuer whose tokens this API accepts (grants may name them).</summary>
internal sealed record TrustedIssuers(IReadOnlySet<string> Values);
