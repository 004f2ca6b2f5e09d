using DelegationWidgets.Host.Problems;
using DelegationWidgets.Sdk.Models;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DelegationWidgets.Host.Identity;

/// <summary><c>POST /dev/token</c>: a token for a development persona, only where the development issuer is on.</summary>
internal static class DevTokenApi
{
    public static void MapDevTokenApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/dev/token", IssueToken)
            .WithName("IssueDevToken")
            .WithTags("Development")
            .WithSummary("Issues a development token for a persona (agent, keyuser, manager, intern, employee, admin).")
            .AllowAnonymous();
    }

    private static Results<Ok<DevTokenResponse>, ProblemHttpResult> IssueToken(DevTokenRequest request, IServiceProvider services)
    {
        var issuer = services.GetService<DevelopmentIssuer>();
        if (issuer is null)
        {
            return Problem.Create(StatusCodes.Status404NotFound, ErrorIds.DevTokensOff, "Development tokens are off.",
                "This host does not issue development tokens. Set DevelopmentIssuer__Enabled=true only on development and demo hosts.");
        }

        if (string.IsNullOrWhiteSpace(request?.Persona) || !issuer.TryIssue(request.Persona, out var token))
        {
            var known = string.Join(", ", issuer.Personas.Select(p => p.Name));
            return Problem.Create(StatusCodes.Status400BadRequest, ErrorIds.UnknownPersona, "Unknown persona.",
                $"Choose one of: {known}.", new Dictionary<string, string[]> { ["/persona"] = [$"Choose one of: {known}."] });
        }

        var lifetime = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DevelopmentIssuerOptions>>().Value.TokenLifetime;
        return TypedResults.Ok(new DevTokenResponse(token, "Bearer", (int)lifetime.TotalSeconds));
    }
}
