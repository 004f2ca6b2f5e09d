using System.Security.Claims;

namespace DelegationWidgets.Host.Identity;

/// <summary>
/// The authenticated caller, normalised from whichever issuer signed the token: who (issuer and subject),
/// a readable name, roles, and the client and address the call came through.
/// </summary>
internal sealed record Caller(string Issuer, string Subject, string Name, IReadOnlyList<string> Roles, string? Client, string? Address)
{
    public const string AdminRole = "dw-admin";

    public bool IsAdmin => Roles.Contains(AdminRole, StringComparer.Ordinal);

    /// <summary>The caller's id in the target directory, used for scope rules such as "direct reports of me".</summary>
    public string DirectoryId => Subject;

    public static Caller From(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        var issuer = user.FindFirstValue("iss") ?? "unknown";
        var subject = user.FindFirstValue("sub") ?? throw new InvalidOperationException("An authenticated token without 'sub' reached an endpoint.");
        var name = user.FindFirstValue("name") ?? subject;
        var roles = user.FindAll("roles").Select(c => c.Value).Distinct(StringComparer.Ordinal).ToArray();
        var client = user.FindFirstValue("azp") ?? user.FindFirstValue("client_id");
        return new Caller(issuer, subject, name, roles, client, context.Connection.RemoteIpAddress?.ToString());
    }
}
