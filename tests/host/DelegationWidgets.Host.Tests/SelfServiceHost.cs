using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Tests;

/// <summary>
/// A host for the self-service tests: the demo catalog plus test products (VPN access approved by the members of the group
/// it-helpdesk, which the agent persona is one of; the sales mailbox with a choice of right, approved automatically; a
/// product whose approver has no e-mail address), and a catalog sweep every half second, so time-outs and the end of
/// time-bound access happen as soon as the clock (<c>POST /dev/clock</c>) says so. Mails that fail are retried after half
/// a second, doubling.
/// </summary>
public sealed class SelfServiceHost : IAsyncLifetime
{
    private readonly string _catalog = System.IO.Directory.CreateTempSubdirectory("dw-catalog-").FullName;
    private readonly int _mailPort = SmtpSink.FreePort();
    private readonly bool _mailRelayDown;

    public SelfServiceHost()
    {
    }

    /// <summary>A host whose mail relay is down until <see cref="StartMailRelayAsync"/>.</summary>
    internal SelfServiceHost(bool mailRelayDown) => _mailRelayDown = mailRelayDown;

    public HostProcess Host { get; private set; } = null!;

    /// <summary>The SMTP server the host sends its notifications to (null while the relay is down).</summary>
    public SmtpSink Mail { get; private set; } = null!;

    /// <summary>Brings the mail relay up on the port the host was given.</summary>
    public async Task StartMailRelayAsync() => Mail = await SmtpSink.StartAsync(_mailPort);

    public DirectoryReader Directory => new(Host.DatabasePath);

    public async Task InitializeAsync()
    {
        var shipped = Path.Combine(RepositoryPaths.Root, "host", "DelegationWidgets.Host", "Catalog");
        foreach (var folder in new[] { "Products", "Workflows" })
        {
            System.IO.Directory.CreateDirectory(Path.Combine(_catalog, folder));
            foreach (var file in System.IO.Directory.EnumerateFiles(Path.Combine(shipped, folder), "*.json"))
            {
                File.Copy(file, Path.Combine(_catalog, folder, Path.GetFileName(file)));
            }
        }

        await File.WriteAllTextAsync(Path.Combine(_catalog, "Workflows", "helpdesk.json"), """
            { "id": "helpdesk", "version": 1, "title": "The helpdesk approves",
              "steps": [ { "id": "helpdesk", "title": "Helpdesk approval", "approver": { "kind": "group", "group": "it-helpdesk" } } ] }
            """);
        await File.WriteAllTextAsync(Path.Combine(_catalog, "Products", "vpn.json"), """
            { "id": "vpn", "version": 1, "title": "VPN access", "category": "Network", "visibility": { "everyone": true },
              "cost": 0, "risk": "medium", "workflow": "helpdesk",
              "fulfilment": { "connector": "directory", "action": "addGroupMember", "parameters": { "userId": "$beneficiary", "groupId": "vpn-users" } } }
            """);
        await File.WriteAllTextAsync(Path.Combine(_catalog, "Products", "sales-mailbox.json"), """
            { "id": "sales-mailbox", "version": 1, "title": "Sales shared mailbox", "category": "Mailboxes", "visibility": { "everyone": true },
              "cost": 0, "risk": "low", "workflow": "automatic", "maxDurationDays": 30,
              "form": { "schema": { "type": "object", "additionalProperties": false, "required": ["permission"], "properties": {
                "permission": { "type": "string", "title": "Right", "oneOf": [ { "const": "FullAccess", "title": "Full access" }, { "const": "SendAs", "title": "Send as" } ] },
                "note": { "type": "string", "title": "Note for the owner", "maxLength": 200 } } } },
              "translations": { "nl": { "title": "Gedeelde mailbox Verkoop", "fields": { "permission": "Recht", "permission/SendAs": "Verzenden als" } } },
              "fulfilment": { "connector": "directory", "action": "grantMailboxAccess", "parameters": { "userId": "$beneficiary", "mailboxId": "sales-shared", "permission": "/permission" } },
              "revocation": { "connector": "directory", "action": "revokeMailboxAccess", "parameters": { "userId": "$beneficiary", "mailboxId": "sales-shared", "permission": "/permission" } } }
            """);
        await File.WriteAllTextAsync(Path.Combine(_catalog, "Workflows", "unreachable.json"), """
            { "id": "unreachable", "version": 1, "title": "Someone without e-mail approves",
              "steps": [ { "id": "ghost", "title": "Approval by someone the directory does not know", "approver": { "kind": "users", "users": ["nobody.here"] } } ] }
            """);
        await File.WriteAllTextAsync(Path.Combine(_catalog, "Products", "parking.json"), """
            { "id": "parking", "version": 1, "title": "Parking permit", "category": "Facilities", "visibility": { "everyone": true },
              "cost": 0, "risk": "low", "workflow": "unreachable",
              "fulfilment": { "connector": "directory", "action": "addGroupMember", "parameters": { "userId": "$beneficiary", "groupId": "parking" } } }
            """);
        if (!_mailRelayDown)
        {
            await StartMailRelayAsync();
        }

        Host = new HostProcess(new Dictionary<string, string>
        {
            ["Notifications__SmtpHost"] = "127.0.0.1",
            ["Notifications__SmtpPort"] = _mailPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications__RetryFirstPause"] = "00:00:00.500",
            ["Notifications__From"] = "delegationwidgets@demo.example",
            ["Notifications__ApprovalsPage"] = "https://intranet.demo.example/approvals",
            ["Notifications__RequestsPage"] = "https://intranet.demo.example/requests",
            ["Catalog__Products"] = Path.Combine(_catalog, "Products"),
            ["Catalog__Workflows"] = Path.Combine(_catalog, "Workflows"),
            ["Catalog__SweepInterval"] = "00:00:00.500",
        });
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        if (Mail is not null)
        {
            await Mail.DisposeAsync();
        }

        System.IO.Directory.Delete(_catalog, recursive: true);
    }

    public async Task<ApiResponse> RequestAsync(string persona, object body)
    {
        using var client = await Host.ClientAsync(persona);
        return await Api.ReadAsync(await client.PostAsJsonAsync(new Uri("api/v1/requests", UriKind.Relative), body));
    }

    public async Task<ApiResponse> DecideAsync(string persona, string approvalId, bool approve, string? comment = null)
    {
        using var client = await Host.ClientAsync(persona);
        return await Api.ReadAsync(await client.PostAsJsonAsync(new Uri($"api/v1/approvals/{approvalId}/decision", UriKind.Relative), new { approve, comment }));
    }

    /// <summary>The persona's pending approval of the request, or null.</summary>
    public async Task<JsonElement?> ApprovalAsync(string persona, string requestId)
    {
        using var client = await Host.ClientAsync(persona);
        var pending = await client.GetJsonAsync("api/v1/approvals");
        Assert.True(pending.Status == HttpStatusCode.OK, pending.ToString());
        return pending.Body.EnumerateArray().Where(a => a.GetProperty("requestId").GetString() == requestId).Select(a => (JsonElement?)a).FirstOrDefault();
    }

    public async Task<JsonElement> RequestOfAsync(string persona, string requestId)
    {
        using var client = await Host.ClientAsync(persona);
        var response = await client.GetJsonAsync($"api/v1/requests/{requestId}");
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        return response.Body;
    }

    public async Task AdvanceClockAsync(TimeSpan by)
    {
        using var admin = await Host.ClientAsync("admin");
        var moved = await Api.ReadAsync(await admin.PostAsJsonAsync(new Uri("dev/clock", UriKind.Relative), new { advance = by.ToString() }));
        Assert.True(moved.Status == HttpStatusCode.OK, moved.ToString());
    }

    /// <summary>The audit events of a request (oldest first), as the administrator reads them, and whether the chain verifies.</summary>
    public async Task<(List<JsonElement> Events, bool ChainIntact)> AuditOfAsync(string requestId, string beneficiary)
    {
        using var admin = await Host.ClientAsync("admin");
        var page = await admin.GetJsonAsync($"api/v1/audit?target={beneficiary}&limit=200");
        var events = page.Body.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("changeId").GetString() == requestId).Reverse().ToList();
        var verify = await admin.GetJsonAsync("api/v1/audit/verify");
        return (events, verify.Body.GetProperty("valid").GetBoolean());
    }
}
