using System.Text.Json;
using DelegationWidgets.Host.Identity;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Host.Hosts;

/// <summary>
/// <c>GET /hosts/topdesk</c>: the page a TOPdesk action sequence or link field opens, on the API's own origin, with a strict
/// Content-Security-Policy (scripts only from here, WebAssembly, connections to here and the sign-in authority).
/// <c>GET /hosts/topdesk/config.json</c> tells its script how to sign in: OpenID Connect when configured, else the
/// development personas when development tokens are on, else that it is not configured (the page says what to set).
/// </summary>
internal static class TopdeskLaunchPage
{
    public static void MapTopdeskLaunchPage(this IEndpointRouteBuilder app)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Hosts", "Topdesk");
        var group = app.MapGroup("/hosts/topdesk").AllowAnonymous().ExcludeFromDescription();
        group.MapGet("/", (HttpContext context, IOptions<TopdeskLaunchOptions> options) => Page(context, options.Value, Path.Combine(folder, "launch.html"), "text/html; charset=utf-8"));
        group.MapGet("/launch.js", (HttpContext context, IOptions<TopdeskLaunchOptions> options) => Page(context, options.Value, Path.Combine(folder, "launch.js"), "text/javascript; charset=utf-8"));
        group.MapGet("/config.json", (IOptions<TopdeskLaunchOptions> options, IServiceProvider services) =>
        {
            var o = options.Value;
            var mode = o.SignInConfigured ? "oidc" : services.GetService<DevelopmentIssuer>() is not null ? "development" : "none";
            return Results.Json(new
            {
                signIn = mode,
                authority = o.SignInConfigured ? o.Authority!.TrimEnd('/') : null,
                clientId = o.SignInConfigured ? o.ClientId : null,
                scope = o.Scope,
                form = o.Form,
                lang = o.Language,
                personas = mode == "development" ? services.GetRequiredService<DevelopmentIssuer>().Personas.Select(p => p.Name).ToArray() : [],
            }, JsonSerializerOptions.Web);
        });
    }

    private static async Task Page(HttpContext context, TopdeskLaunchOptions options, string file, string contentType)
    {
        var authority = options.SignInConfigured && Uri.TryCreate(options.Authority, UriKind.Absolute, out var uri) ? " " + uri.GetLeftPart(UriPartial.Authority) : "";
        context.Response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'{authority}; img-src 'self' data:; " +
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.ContentType = contentType;
        await context.Response.SendFileAsync(file, context.RequestAborted);
    }
}
