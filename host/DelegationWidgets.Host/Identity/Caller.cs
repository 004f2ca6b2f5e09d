using System.Security.Claims;

namespace DelegationWidgets.Host.Identity;

/// <summary>
/// The authenticated caller, normalised from whichever issuer signed the token: who (issuer and subject),
/// a readable name, roles, and the client and address the call came through.
/// </summary>
internal sealed record Caller(string Issuer, string Subject, string Name, IReadOnlyList<string> Roles, string? Client, string? Address)
{
    public const string AdminRole = "dw-admin";

    /// <summary>The claim that carries a ticket signed into the token by its issuer (ServiceNow).</summary>
    public const string TicketClaim = "ticket";

    /// <summary>The caller's groups as the issuer names them (<c>groups</c> claims: Entra object ids, ServiceNow group names).</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>The ticket the issuer signed into the token, if any (only issuers that sign tickets, ServiceNow): verified by the signature.</summary>
    public SignedTicket? Ticket { get; init; }

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
        return new Caller(issuer, subject, name, roles, client, context.Connection.RemoteIpAddress?.ToString())
        {
            Groups = user.FindAll("groups").Select(c => c.Value).Distinct(StringComparer.Ordinal).ToArray(),
            Ticket = user.FindFirstValue(TicketClaim) is { } ticket && context.RequestServices.GetService<TrustedIssuers>()?.TicketSigners.Contains(issuer) == true
                ? SignedTicket.Parse(ticket)
                : null,
        };
    }
}

/// <summary>A ticket reference signed into the caller's token: the ITSM table, the record's id and its number.</summary>
internal sealed record SignedTicket(string Table, string SysId, string Number)
{
    /// <summary>The claim's JSON (<c>{"table":…,"sys_id":…,"number":…}</c>), or null when it is not that shape.</summary>
    public static SignedTicket? Parse(string json)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind == System.Text.Json.JsonValueKind.Object
                && root.TryGetProperty("table", out var table) && table.GetString() is { Length: > 0 and <= 80 } t
                && root.TryGetProperty("sys_id", out var id) && id.GetString() is { Length: > 0 and <= 64 } i
                && root.TryGetProperty("number", out var number) && number.GetString() is { Length: > 0 and <= 64 } n
                ? new SignedTicket(t, i, n)
                : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
