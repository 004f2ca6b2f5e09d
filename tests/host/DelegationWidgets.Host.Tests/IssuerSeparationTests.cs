using System.Net;
using System.Net.Http.Headers;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Tests;

/// <summary>
/// Two trusted issuers, one host: grants that name the development issuer give nothing to a valid token of the other
/// issuer, although its subject and roles are the same.
/// </summary>
public sealed class IssuerSeparationTests : IAsyncLifetime
{
    private const string DevIssuer = "urn:delegationwidgets:dev";
    private const string Audience = "delegationwidgets-api";
    private OidcIssuer _corp = null!;
    private HostProcess _host = null!;
    private string _grants = "";

    public async Task InitializeAsync()
    {
        _corp = await OidcIssuer.StartAsync();
        _grants = WriteGrants(DevIssuer);
        _host = new HostProcess(new Dictionary<string, string>
        {
            ["Authentication__Issuers__0__Name"] = "corp",
            ["Authentication__Issuers__0__Authority"] = _corp.Authority,
            ["Authentication__Issuers__0__Audience"] = Audience,
            ["Policy__GrantsFile"] = _grants,
        });
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _corp.DisposeAsync();
        File.Delete(_grants);
    }

    [Fact]
    public async Task OtherIssuersToken_SameSubjectAndRole_GetsNoneOfTheGrantsForTheDevelopmentIssuer()
    {
        using var dev = await _host.ClientAsync("agent");
        using var corp = new HttpClient { BaseAddress = _host.BaseAddress };
        corp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _corp.Token("anna.agent", Audience, "helpdesk"));
        var user = (await new DirectoryReader(_host.DatabasePath).UsersAsync("OU=Sales,DC=demo,DC=example", "Locked = 1"))[0];

        var devForms = await dev.GetJsonAsync("api/v1/forms");
        var corpForms = await corp.GetJsonAsync("api/v1/forms");
        var corpSubmit = await corp.SubmitAsync("unlock-account", new { data = new { user }, reason = "Locked out" });
        var corpLookup = await corp.LookupPageAsync("unlock-account", "user", null);

        Assert.True(devForms.Status == HttpStatusCode.OK, devForms.ToString());
        Assert.NotEmpty(devForms.Body.EnumerateArray());
        // The other issuer's token is valid (200, not 401), and gives nothing.
        Assert.True(corpForms.Status == HttpStatusCode.OK, corpForms.ToString());
        Assert.Empty(corpForms.Body.EnumerateArray());
        Assert.True(corpSubmit.Status == HttpStatusCode.Forbidden, corpSubmit.ToString());
        Assert.True(corpLookup.Status == HttpStatusCode.Forbidden, corpLookup.ToString());
        Assert.Equal("1", await new DirectoryReader(_host.DatabasePath).AttributeAsync(user, "Locked"));
    }

    [Fact]
    public async Task GrantNamingAnUntrustedIssuer_StopsTheHostAtStartUp()
    {
        var grants = WriteGrants("https://nobody.example/");
        try
        {
            await using var broken = new HostProcess(new Dictionary<string, string> { ["Policy__GrantsFile"] = grants });

            await Assert.ThrowsAsync<InvalidOperationException>(() => broken.StartAsync());

            Assert.Contains("who.issuers names 'https://nobody.example/', which is not a trusted issuer", broken.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(grants);
        }
    }

    [Fact]
    public async Task GrantKeyedOnGroupsWithoutIssuers_WhenTwoIssuersAreTrusted_StopsTheHostAtStartUp()
    {
        var grants = Path.Combine(Path.GetTempPath(), $"dw-grants-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(grants, """
            { "version": 1, "grants": [ { "id": "desk", "who": { "groups": ["Service Desk"] }, "forms": ["*"], "targets": [ { "ou": "OU=Sales,DC=demo,DC=example" } ] } ] }
            """);
        try
        {
            await using var broken = new HostProcess(new Dictionary<string, string>
            {
                ["Authentication__Issuers__0__Name"] = "corp",
                ["Authentication__Issuers__0__Authority"] = _corp.Authority,
                ["Authentication__Issuers__0__Audience"] = Audience,
                ["Policy__GrantsFile"] = grants,
            });

            await Assert.ThrowsAsync<InvalidOperationException>(() => broken.StartAsync());

            Assert.Contains("who.groups and who.users need who.issuers", broken.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(grants);
        }
    }

    private static string WriteGrants(string issuer)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dw-grants-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""
            {
              "version": 1,
              "grants": [
                {
                  "id": "helpdesk-sales-dev-only",
                  "who": { "roles": ["helpdesk"], "issuers": ["{{issuer}}"] },
                  "forms": ["*"],
                  "targets": [ { "ou": "OU=Sales,DC=demo,DC=example" } ]
                }
              ]
            }
            """);
        return path;
    }
}
