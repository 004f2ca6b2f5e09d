using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Tests;

/// <summary>A grant's schema overlay narrows the form's data for that grant (a host of its own, with its own policy file).</summary>
public sealed class PolicyOverlayTests : IAsyncLifetime
{
    private readonly string _grantsFile = Path.Combine(Path.GetTempPath(), $"dw-grants-{Guid.NewGuid():N}.json");
    private HostProcess _host = null!;

    public async Task InitializeAsync()
    {
        // The shipped policy, with the helpdesk grant narrowed: temporary accounts only in the External OU.
        var policy = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host", "DelegationWidgets.Host", "Policy", "grants.json")))!;
        var helpdesk = policy["grants"]!.AsArray().Single(g => (string?)g!["id"] == "helpdesk-sales")!;
        helpdesk["overlays"] = JsonNode.Parse($$"""{ "create-temporary-account": { "properties": { "ou": { "const": "{{SeedFacts.External}}" } } } }""");
        await File.WriteAllTextAsync(_grantsFile, policy.ToJsonString());
        _host = new HostProcess(new Dictionary<string, string> { ["Policy__GrantsFile"] = _grantsFile });
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        File.Delete(_grantsFile);
    }

    [Fact]
    public async Task Submit_ValueTheOverlayExcludes_Returns400OnThatField()
    {
        var agent = await _host.ClientAsync("agent");
        var expires = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        object Body(string ou) => new { data = new { givenName = "Olga", surname = "Overlay", ou, manager = SeedFacts.Manager, expiresOn = expires }, reason = "Temp", ticket = "INC-OVERLAY" };

        var sales = await agent.SubmitAsync("create-temporary-account", Body(SeedFacts.Sales));
        var external = await agent.SubmitAsync("create-temporary-account", Body(SeedFacts.External));

        Assert.Equal(HttpStatusCode.BadRequest, sales.Status);
        Assert.NotEmpty(sales.FieldErrors("/data/ou"));
        Assert.Equal(HttpStatusCode.Created, external.Status);
    }
}
