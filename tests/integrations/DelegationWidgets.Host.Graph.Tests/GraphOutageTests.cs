using System.Net;
using System.Text.Json.Nodes;
using DelegationWidgets.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DelegationWidgets.Host.Graph.Tests;

/// <summary>
/// The real host on "Entra ID": WireMock.Net stands in for Microsoft Graph and the tenant's token endpoint. Graph fails
/// while a change is applied; the change ends failed with the reason, and an administrator runs it again once Graph is
/// back. Every write request is asserted exactly.
/// </summary>
public sealed class GraphOutageTests : IAsyncLifetime
{
    private const string UserId = "8d2c1f1e-0000-4000-8000-000000000001";
    private const string GroupId = "5a7b9c3d-0000-4000-8000-000000000002";
    private const string TokenPath = "/tenant/oauth2/v2.0/token";
    private static readonly Guid WritesMapping = Guid.NewGuid();
    private readonly WireMockServer _graph = WireMockServer.Start();
    private HostProcess _host = null!;
    private string _grants = "";

    public async Task InitializeAsync()
    {
        _graph.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .RespondWith(Json(200, """{"token_type":"Bearer","expires_in":3599,"access_token":"graph-token-1"}"""));
        _graph.Given(Request.Create().WithPath($"/v1.0/users/{UserId}").UsingGet())
            .RespondWith(Json(200, new JsonObject { ["id"] = UserId, ["displayName"] = "Sam Seller", ["userPrincipalName"] = "sam@contoso.example", ["department"] = "Sales", ["accountEnabled"] = true }.ToJsonString()));
        _graph.Given(Request.Create().WithPath($"/v1.0/users/{UserId}/memberOf").UsingGet()).RespondWith(Json(200, """{"value":[]}"""));
        _graph.Given(Request.Create().WithPath($"/v1.0/groups/{GroupId}").UsingGet())
            .RespondWith(Json(200, new JsonObject { ["id"] = GroupId, ["displayName"] = "Sales leads", ["mailNickname"] = "sales-leads" }.ToJsonString()));
        GraphWritesAnswer(503);

        _grants = Path.Combine(Path.GetTempPath(), $"dw-grants-{Guid.NewGuid():N}.json");
        File.WriteAllText(_grants, """
            {
              "version": 1,
              "grants": [
                { "id": "helpdesk-sales", "who": { "roles": ["helpdesk"] }, "forms": ["add-group-member"],
                  "targets": [ { "department": "Sales" } ], "resources": [ { "everything": true } ] },
                { "id": "admin-everything", "who": { "roles": ["dw-admin"] }, "forms": ["*"],
                  "targets": [ { "everything": true } ], "resources": [ { "everything": true } ] }
              ]
            }
            """);
        _host = new HostProcess(new Dictionary<string, string>
        {
            ["Directory__Connector"] = "Graph",
            ["Graph__BaseUrl"] = _graph.Url + "/v1.0/",
            ["Graph__TokenEndpoint"] = _graph.Url + TokenPath,
            ["Graph__ClientId"] = "11111111-2222-3333-4444-555555555555",
            ["Graph__ClientSecret"] = "graph-client-secret-value",
            ["Graph__MaxRetries"] = "2",
            ["Graph__RetryDelay"] = "00:00:00",
            ["Graph__BreakDuration"] = "00:00:01",
            ["Policy__GrantsFile"] = _grants,
        });
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _graph.Stop();
        File.Delete(_grants);
    }

    [Fact]
    public async Task GraphUnavailableWhileApplying_ChangeFailsWithTheReason_AdministratorRetriesItOnceGraphIsBack()
    {
        using var agent = await _host.ClientAsync("agent");
        using var admin = await _host.ClientAsync("admin");

        var failed = await agent.SubmitAsync("add-group-member", new { data = new { user = UserId, group = GroupId }, reason = "Joins the leads" });

        Assert.True(failed.Status == HttpStatusCode.ServiceUnavailable, failed.ToString());
        Assert.Equal("DW1012", failed.ErrorId);
        var change = await agent.GetJsonAsync($"api/v1/changes/{failed.ChangeId}");
        Assert.Equal("failed", change.Body.GetProperty("status").GetString());
        Assert.Equal("Unavailable", change.Body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("Microsoft Graph is unavailable", change.Body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        // The membership POST is safe to send again (a second one that lands answers "already exist"): the first attempt
        // and Graph:MaxRetries more, each exactly this request.
        var writes = Writes();
        Assert.Equal(3, writes.Count);
        Assert.All(writes, w =>
        {
            Assert.Equal($"POST /v1.0/groups/{GroupId}/members/$ref", w.Line);
            Assert.Equal("Bearer graph-token-1", w.Authorization);
            Assert.Equal($$"""{"@odata.id":"{{_graph.Url}}/v1.0/directoryObjects/{{UserId}}"}""", w.Body);
        });

        GraphWritesAnswer(204);
        var retried = await RetryAsync(admin, failed.ChangeId!);

        Assert.Equal("succeeded", retried.Body.GetProperty("status").GetString());
        Assert.Equal("changed", retried.Body.GetProperty("outcome").GetString());
        Assert.Equal(4, Writes().Count);
        var audit = await admin.GetJsonAsync($"api/v1/audit?target={UserId}&limit=50");
        var types = audit.Body.GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("changeId").GetString() == failed.ChangeId).Select(e => e.GetProperty("type").GetString()).Reverse().ToList();
        Assert.Equal("change.running", types[0]);
        Assert.Equal("change.failed", types[1]);
        Assert.Equal(["change.retried", "change.succeeded"], types[^2..]);
        var verify = await admin.GetJsonAsync("api/v1/audit/verify");
        Assert.True(verify.Body.GetProperty("valid").GetBoolean(), verify.ToString());
        Assert.DoesNotContain("graph-client-secret-value", _host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("graph-token-1", _host.Output, StringComparison.Ordinal);
    }

    /// <summary>Retries until the connector's circuit (open for a second after the outage) lets the call through.</summary>
    private static async Task<ApiResponse> RetryAsync(HttpClient admin, string changeId)
    {
        for (var attempt = 0; ; attempt++)
        {
            var retried = await admin.PostRawAsync($"api/v1/admin/changes/{changeId}/retry", "");
            Assert.True(retried.Status == HttpStatusCode.OK, retried.ToString());
            if (retried.Body.GetProperty("status").GetString() != "failed" || attempt == 10)
            {
                return retried;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private List<(string Line, string? Authorization, string? Body)> Writes() =>
    [
        .. _graph.LogEntries.Select(e => e.RequestMessage).Where(r => r.Method == "POST" && r.Path.StartsWith("/v1.0/", StringComparison.Ordinal))
            .OrderBy(r => r.DateTime)
            .Select(r => (r.Method + " " + r.Path, r.Headers?.FirstOrDefault(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault(), (string?)JsonNode.Parse(r.Body ?? "null")?.ToJsonString())),
    ];

    private void GraphWritesAnswer(int status) =>
        _graph.Given(Request.Create().WithPath($"/v1.0/groups/{GroupId}/members/$ref").UsingPost()).WithGuid(WritesMapping)
            .RespondWith(Response.Create().WithStatusCode(status));

    private static IResponseBuilder Json(int status, string body) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
}
