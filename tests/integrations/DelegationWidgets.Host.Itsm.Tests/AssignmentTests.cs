using System.Net;
using System.Text.Json.Nodes;
using DelegationWidgets.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace DelegationWidgets.Host.Itsm.Tests;

/// <summary>
/// The assignment check with ServiceNow matching callers by e-mail address: the address is the one the directory holds for
/// the caller (not taken from the request), and the membership is asked as one row for the ticket's group.
/// </summary>
public sealed class AssignmentTests : IAsyncLifetime
{
    private const string Sales = "OU=Sales,DC=demo,DC=example";
    private readonly ItsmHost _itsm = new(new Dictionary<string, string>
    {
        ["Tickets__ServiceNow__CheckAssignment"] = "true",
        ["Tickets__ServiceNow__CallerMatch"] = "Email",
    });

    public Task InitializeAsync() => _itsm.InitializeAsync();

    public Task DisposeAsync() => _itsm.DisposeAsync();

    [Fact]
    public async Task CallerInTheTicketsGroup_ByTheDirectorysAddress_IsVerified_OthersAreRefused()
    {
        _itsm.GivenIncident("INC0020001", "aaaaaaaaaaaaaaaaaaaaaaaaaaaa2001");
        var membership = $"user.email=anna.agent@demo.example^group={ItsmHost.AssignmentGroup}";
        _itsm.ServiceNow.Given(Request.Create().WithPath("/api/now/table/sys_user_grmember").WithParam("sysparm_query", membership).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(new JsonObject { ["result"] = new JsonArray(new JsonObject { ["group"] = ItsmHost.AssignmentGroup }) }.ToJsonString()));
        _itsm.ServiceNow.Given(Request.Create().WithPath("/api/now/table/sys_user_grmember").UsingGet()).AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"result":[]}"""));
        var users = await new DirectoryReader(_itsm.Host.DatabasePath).UsersAsync(Sales, "Locked = 1");
        using var agent = await _itsm.Host.ClientAsync("agent");
        using var intern = await _itsm.Host.ClientAsync("intern");

        var verified = await agent.SubmitAsync("unlock-account", new { data = new { user = users[0] }, reason = "Locked out", ticket = "INC0020001" });
        var refused = await intern.SubmitAsync("unlock-account", new { data = new { user = users[1] }, reason = "Locked out", ticket = "INC0020001" });

        Assert.True(verified.Status == HttpStatusCode.Created, verified.ToString());
        var change = await agent.GetJsonAsync($"api/v1/changes/{verified.ChangeId}");
        Assert.True(change.Body.GetProperty("ticketState").GetProperty("verified").GetBoolean());
        Assert.True(refused.Status == HttpStatusCode.BadRequest, refused.ToString());
        Assert.Contains(refused.FieldErrors("/ticket"), m => m.Contains("assigned to a group you are not a member of", StringComparison.Ordinal));
        var asked = _itsm.Requests().Where(r => r.Path == "/api/now/table/sys_user_grmember").Select(r => r.Query!["sysparm_query"].Single()).ToList();
        Assert.Equal([membership, $"user.email=ivo.intern@demo.example^group={ItsmHost.AssignmentGroup}"], asked);
    }
}
