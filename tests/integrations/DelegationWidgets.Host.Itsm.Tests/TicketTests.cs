using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Itsm.Tests;

/// <summary>Tickets typed into a form are verified in ServiceNow before the change runs; the outcome is written back as a work note, retried until ServiceNow takes it.</summary>
public sealed class TicketTests : IClassFixture<ItsmHost>
{
    private const string Sales = "OU=Sales,DC=demo,DC=example";
    private readonly ItsmHost _itsm;

    public TicketTests(ItsmHost itsm) => _itsm = itsm;

    private DirectoryReader Directory => new(_itsm.Host.DatabasePath);

    [Fact]
    public async Task TypedTicket_VerifiedInServiceNow_ChangeRecordsItVerified_WorkNoteWrittenWithTheExactText()
    {
        const string number = "INC0010001";
        const string sysId = "aaaaaaaaaaaaaaaaaaaaaaaaaaaa0001";
        _itsm.GivenIncident(number, sysId);
        var user = (await Directory.UsersAsync(Sales, "Locked = 1"))[0];
        using var agent = await _itsm.Host.ClientAsync("agent");

        var response = await agent.SubmitAsync("unlock-account", new { data = new { user }, reason = "Locked out", ticket = number.ToLowerInvariant() });

        Assert.True(response.Status == HttpStatusCode.Created, response.ToString());
        var change = await WaitForWriteBackAsync(agent, response.ChangeId!, "done");
        var ticket = change.GetProperty("ticketState");
        Assert.Equal(number, ticket.GetProperty("number").GetString());
        Assert.True(ticket.GetProperty("verified").GetBoolean());
        Assert.Equal("servicenow", ticket.GetProperty("system").GetString());
        Assert.Equal(1, ticket.GetProperty("writeBackAttempts").GetInt32());

        var requests = _itsm.Requests().Where(r => r.Path.Contains(sysId, StringComparison.Ordinal) || (r.Query?.Values.Any(v => v.Contains($"number={number}")) ?? false)).ToList();
        Assert.Equal(["GET /api/now/table/incident", $"PATCH /api/now/table/incident/{sysId}"], requests.Select(r => r.Method + " " + r.Path));
        Assert.All(requests, r => Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("dw.integration:sn-integration-password")), ItsmHost.Header(r, "Authorization")));
        var title = (await agent.GetJsonAsync("api/v1/forms/unlock-account")).Body.GetProperty("title").GetString();
        var diffs = string.Join("; ", change.GetProperty("changes").EnumerateArray()
            .Select(d => $"{d.GetProperty("objectId").GetString()} {d.GetProperty("attribute").GetString()}: {d.GetProperty("before").GetString() ?? "(none)"} → {d.GetProperty("after").GetString() ?? "(none)"}"));
        var expected = $"[DelegationWidgets change {response.ChangeId}] done: {title}\nBy: Anna Agent\n{diffs}\nAudit: https://dw.example/audit?change={response.ChangeId}";
        Assert.Equal(new JsonObject { ["work_notes"] = expected }.ToJsonString(), JsonNode.Parse(requests[1].Body!)!.ToJsonString());

        using var admin = await _itsm.Host.ClientAsync("admin");
        var audit = await admin.GetJsonAsync($"api/v1/audit?ticket={number}&limit=20");
        Assert.Contains(audit.Body.GetProperty("items").EnumerateArray(), e => e.GetProperty("type").GetString() == "ticket.written");
        Assert.DoesNotContain("sn-integration-password", _itsm.Host.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("INC0019999", "not found")]
    [InlineData("INC0010002", "closed")]
    public async Task TypedTicket_UnknownOrClosed_400OnTicketAndNothingChanges(string number, string kind)
    {
        if (kind == "closed")
        {
            _itsm.GivenIncident(number, "aaaaaaaaaaaaaaaaaaaaaaaaaaaa0002", active: false);
        }

        var user = (await Directory.UsersAsync(Sales, "Locked = 1"))[1];
        using var agent = await _itsm.Host.ClientAsync("agent");

        var response = await agent.SubmitAsync("unlock-account", new { data = new { user }, reason = "Locked out", ticket = number });

        Assert.True(response.Status == HttpStatusCode.BadRequest, response.ToString());
        Assert.NotEmpty(response.FieldErrors("/ticket"));
        Assert.Equal("1", await Directory.AttributeAsync(user, "Locked"));
    }

    [Fact]
    public async Task WriteBack_ServiceNowUnavailableTwice_RetriedUntilItIsTaken_TheChangeIsNeverLost()
    {
        const string number = "INC0010003";
        const string sysId = "aaaaaaaaaaaaaaaaaaaaaaaaaaaa0003";
        _itsm.GivenIncident(number, sysId, true, 503, 503, 200);
        var user = (await Directory.UsersAsync(Sales, "Locked = 1"))[2];
        using var agent = await _itsm.Host.ClientAsync("agent");

        var response = await agent.SubmitAsync("unlock-account", new { data = new { user }, reason = "Locked out", ticket = number });

        Assert.True(response.Status == HttpStatusCode.Created, response.ToString());
        Assert.Equal("0", await Directory.AttributeAsync(user, "Locked"));
        var change = await WaitForWriteBackAsync(agent, response.ChangeId!, "done");
        Assert.Equal(3, change.GetProperty("ticketState").GetProperty("writeBackAttempts").GetInt32());
        Assert.Equal(3, _itsm.Requests().Count(r => r.Method == "PATCH" && r.Path.EndsWith(sysId, StringComparison.Ordinal)));
        Assert.Contains($"Writing change {response.ChangeId} back to ticket {number} failed (attempt 2)", _itsm.Host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceNowToken_TicketSignedIn_RecordedVerifiedWithoutAskingServiceNow_GroupGrantApplies()
    {
        const string number = "INC0010004";
        _itsm.GivenIncident(number, ItsmHost.IncidentSysId);
        var user = (await Directory.UsersAsync(Sales, "Locked = 1"))[3];
        using var desk = Bearer(_itsm.ServiceNowToken("sam.servicedesk", number));

        var response = await desk.SubmitAsync("unlock-account", new { data = new { user }, reason = "Caller locked out" });

        Assert.True(response.Status == HttpStatusCode.Created, response.ToString());
        Assert.Equal(number, response.Body.GetProperty("ticket").GetString());
        Assert.Equal(ItsmHost.Instance, response.Body.GetProperty("actor").GetProperty("issuer").GetString());
        Assert.DoesNotContain(_itsm.Requests(), r => r.Method == "GET" && (r.Query?.Values.Any(v => v.Contains($"number={number}")) ?? false));
        await WaitUntilAsync(() => _itsm.Requests().Any(r => r.Method == "PATCH" && r.Path.EndsWith(ItsmHost.IncidentSysId, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ServiceNowToken_TypedTicketDiffersFromTheSignedOne_400OnTicket()
    {
        var user = (await Directory.UsersAsync(Sales, "Locked = 1"))[4];
        using var desk = Bearer(_itsm.ServiceNowToken("sam.servicedesk", "INC0010005"));

        var response = await desk.SubmitAsync("unlock-account", new { data = new { user }, reason = "Caller locked out", ticket = "INC0099999" });

        Assert.True(response.Status == HttpStatusCode.BadRequest, response.ToString());
        Assert.Contains(response.FieldErrors("/ticket"), m => m.Contains("INC0010005", StringComparison.Ordinal));
        Assert.Equal("1", await Directory.AttributeAsync(user, "Locked"));
    }

    private HttpClient Bearer(string token)
    {
        var client = new HttpClient { BaseAddress = _itsm.Host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<JsonElement> WaitForWriteBackAsync(HttpClient client, string changeId, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var change = await client.GetJsonAsync($"api/v1/changes/{changeId}");
            if (change.Body.GetProperty("ticketState").GetProperty("writeBack").GetString() == status)
            {
                return change.Body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The write-back did not become {status} within 30 seconds: {change}\n{Log}");
            await Task.Delay(200);
        }
    }

    private string Log => string.Join("\n", _itsm.Requests().Select(r => $"{r.Method} {r.Path}{r.RawQuery}")) + "\n" +
        string.Join("\n", _itsm.Host.Output.Split('\n').Where(l => l.Contains("ticket", StringComparison.OrdinalIgnoreCase) || l.Contains("ServiceNow", StringComparison.Ordinal)).Take(30));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true within 30 seconds.");
            await Task.Delay(200);
        }
    }
}
