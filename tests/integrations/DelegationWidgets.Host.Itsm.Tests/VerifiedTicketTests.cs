using System.Net;
using System.Text.Json.Nodes;
using DelegationWidgets.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace DelegationWidgets.Host.Itsm.Tests;

/// <summary>A form that requires a verified ticket: only a ticket ServiceNow confirms (or signs) lets the change run.</summary>
public sealed class VerifiedTicketTests : IClassFixture<ItsmHost>, IAsyncLifetime
{
    private const string FormId = "unlock-account-on-ticket";
    private readonly ItsmHost _itsm;

    public VerifiedTicketTests(ItsmHost itsm) => _itsm = itsm;

    private DirectoryReader Directory => new(_itsm.Host.DatabasePath);

    public async Task InitializeAsync()
    {
        using var admin = await _itsm.Host.ClientAsync("admin");
        if ((await admin.GetJsonAsync($"api/v1/forms/{FormId}")).Status == HttpStatusCode.OK)
        {
            return;
        }

        var form = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.StandardForm("unlock-account")))!;
        form["id"] = FormId;
        form["requires"] = new JsonObject { ["reason"] = true, ["ticket"] = true, ["verifiedTicket"] = true };
        var published = await admin.PostRawAsync("api/v1/admin/forms", form.ToJsonString());
        Assert.True(published.Status == HttpStatusCode.Created, published.ToString());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Form_ShowsThatItNeedsAVerifiedTicket()
    {
        using var agent = await _itsm.Host.ClientAsync("agent");

        var form = await agent.GetJsonAsync($"api/v1/forms/{FormId}");

        Assert.True(form.Body.GetProperty("requires").GetProperty("verifiedTicket").GetBoolean(), form.ToString());
    }

    [Fact]
    public async Task ServiceNowCannotBeAsked_503DW1022WithRetryAfter_AndNothingChanges()
    {
        const string number = "INC0030001";
        _itsm.ServiceNow.Given(Request.Create().WithPath("/api/now/table/incident").WithParam("sysparm_query", $"number={number}").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(503));
        var user = (await Directory.UsersAsync("OU=Sales,DC=demo,DC=example", "Locked = 1"))[5];
        using var agent = await _itsm.Host.ClientAsync("agent");

        var response = await agent.SubmitAsync(FormId, new { data = new { user }, reason = "Locked out", ticket = number });

        Assert.True(response.Status == HttpStatusCode.ServiceUnavailable, response.ToString());
        Assert.Equal("DW1022", response.ErrorId);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Message.Headers.RetryAfter?.Delta);
        Assert.Equal("1", await Directory.AttributeAsync(user, "Locked"));
    }

    [Fact]
    public async Task TicketVerifiedInServiceNow_TheChangeRuns()
    {
        const string number = "INC0030002";
        _itsm.GivenIncident(number, "bbbbbbbbbbbbbbbbbbbbbbbbbbbb0002");
        var user = (await Directory.UsersAsync("OU=Sales,DC=demo,DC=example", "Locked = 1"))[6];
        using var agent = await _itsm.Host.ClientAsync("agent");

        var response = await agent.SubmitAsync(FormId, new { data = new { user }, reason = "Locked out", ticket = number });

        Assert.True(response.Status == HttpStatusCode.Created, response.ToString());
        Assert.True(response.Body.GetProperty("ticketState").GetProperty("verified").GetBoolean());
        Assert.Equal("0", await Directory.AttributeAsync(user, "Locked"));
    }
}
