using System.Text.Json.Nodes;
using DelegationWidgets.Testing;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DelegationWidgets.Host.Itsm.Tests;

/// <summary>
/// A host (built-in demo directory) connected to a ServiceNow instance played by WireMock.Net, trusting that instance's
/// JWTs (kind ServiceNow, its public key in a file) and an Entra tenant played by <see cref="OidcIssuer"/>. The grants add
/// one keyed on a ServiceNow group. One per test class.
/// </summary>
public sealed class ItsmHost : IAsyncLifetime
{
    public const string Audience = "delegationwidgets-api";
    public const string Instance = "https://acme.service-now.example";
    public const string TenantId = "7c1f0000-0000-4000-8000-00000000aaaa";
    public const string ServiceDeskGroup = "Service Desk";
    public const string IncidentSysId = "0123456789abcdef0123456789abcdef";
    public const string AssignmentGroup = "fedcba9876543210fedcba9876543210";
    private readonly string _folder = Directory.CreateTempSubdirectory("dw-itsm-").FullName;
    private readonly IReadOnlyDictionary<string, string> _settings;

    public ItsmHost()
        : this(new Dictionary<string, string>())
    {
    }

    /// <summary>A host with some settings other than the defaults below (e.g. the assignment check on).</summary>
    internal ItsmHost(IReadOnlyDictionary<string, string> settings) => _settings = settings;

    public WireMockServer ServiceNow { get; } = WireMockServer.Start();

    /// <summary>Signs ServiceNow's JWTs (issued as <see cref="Instance"/>).</summary>
    public OidcIssuer ServiceNowSigner { get; private set; } = null!;

    public OidcIssuer Entra { get; private set; } = null!;

    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ServiceNowSigner = await OidcIssuer.StartAsync();
        Entra = await OidcIssuer.StartAsync();
        var keyFile = Path.Combine(_folder, "servicenow-jwt.pem");
        await File.WriteAllTextAsync(keyFile, ServiceNowSigner.PublicKeyPem());
        var grants = Path.Combine(_folder, "grants.json");
        var standard = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "host", "DelegationWidgets.Host", "Policy", "grants.json")))!;
        standard["grants"]!.AsArray().Add(JsonNode.Parse($$"""
            { "id": "servicenow-service-desk", "description": "The Service Desk group in ServiceNow unlocks Sales accounts.",
              "who": { "groups": ["{{ServiceDeskGroup}}"], "issuers": ["{{Instance}}"] },
              "forms": ["unlock-account"], "targets": [ { "ou": "OU=Sales,DC=demo,DC=example" } ] }
            """));
        await File.WriteAllTextAsync(grants, standard.ToJsonString());

        Host = new HostProcess(new Dictionary<string, string>
        {
            ["Policy__GrantsFile"] = grants,
            ["Tickets__ServiceNow__BaseUrl"] = ServiceNow.Url + "/",
            ["Tickets__ServiceNow__UserName"] = "dw.integration",
            ["Tickets__ServiceNow__Password"] = "sn-integration-password",
            ["Tickets__ServiceNow__CheckAssignment"] = "false",
            ["Tickets__ServiceNow__MaxRetries"] = "0",
            ["Tickets__ServiceNow__BreakDuration"] = "00:00:01",
            ["Tickets__AuditLink"] = "https://dw.example/audit?change={changeId}",
            ["Tickets__WriteBackInterval"] = "00:00:01",
            ["Tickets__WriteBackFirstPause"] = "00:00:00.200",
            ["Authentication__Issuers__0__Name"] = "servicenow",
            ["Authentication__Issuers__0__Kind"] = "ServiceNow",
            ["Authentication__Issuers__0__Issuer"] = Instance,
            ["Authentication__Issuers__0__Audience"] = Audience,
            ["Authentication__Issuers__0__SigningKeyFile"] = keyFile,
            ["Authentication__Issuers__1__Name"] = "entra",
            ["Authentication__Issuers__1__Kind"] = "Entra",
            ["Authentication__Issuers__1__Authority"] = Entra.Authority,
            ["Authentication__Issuers__1__Audience"] = Audience,
            ["Authentication__Issuers__1__Tenants__0"] = TenantId,
            ["Authentication__Issuers__1__RequiredScopes__0"] = "user_impersonation",
        }.Concat(_settings).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value));
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await ServiceNowSigner.DisposeAsync();
        await Entra.DisposeAsync();
        ServiceNow.Stop();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>ServiceNow knows this incident: open, assigned to a group; its work notes answer <paramref name="writeAnswers"/> in turn (the last from then on).</summary>
    public void GivenIncident(string number, string sysId, bool active = true, params int[] writeAnswers)
    {
        ServiceNow.Given(Request.Create().WithPath("/api/now/table/incident").WithParam("sysparm_query", $"number={number}").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(new JsonObject
            {
                ["result"] = new JsonArray(new JsonObject
                {
                    ["sys_id"] = sysId, ["number"] = number, ["state"] = active ? "2" : "7", ["active"] = active ? "true" : "false",
                    ["assignment_group"] = AssignmentGroup,
                }),
            }.ToJsonString()));
        var answers = writeAnswers.Length == 0 ? [200] : writeAnswers;
        if (answers.Length == 1)
        {
            ServiceNow.Given(Request.Create().WithPath($"/api/now/table/incident/{sysId}").UsingPatch())
                .RespondWith(Response.Create().WithStatusCode(answers[0]).WithHeader("Content-Type", "application/json").WithBody("""{"result":{}}"""));
            return;
        }

        var scenario = "work notes " + sysId;
        for (var i = 0; i < answers.Length; i++)
        {
            var mapping = ServiceNow.Given(Request.Create().WithPath($"/api/now/table/incident/{sysId}").UsingPatch()).InScenario(scenario);
            if (i > 0)
            {
                mapping = mapping.WhenStateIs($"answer {i}");
            }

            if (i < answers.Length - 1)
            {
                mapping = mapping.WillSetStateTo($"answer {i + 1}");
            }

            mapping.RespondWith(Response.Create().WithStatusCode(answers[i]).WithHeader("Content-Type", "application/json").WithBody("""{"result":{}}"""));
        }
    }

    /// <summary>Every request ServiceNow received, oldest first.</summary>
    public List<IRequestMessage> Requests() => [.. ServiceNow.LogEntries.Select(e => e.RequestMessage).OrderBy(r => r.DateTime)];

    /// <summary>A JWT as the ServiceNow instance mints it for a user, with the ticket signed in.</summary>
    public string ServiceNowToken(string user, string? ticketNumber, TimeSpan? lifetime = null, string? jti = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["name"] = "Service Desk " + user,
            ["groups"] = new[] { ServiceDeskGroup },
            ["jti"] = jti ?? Guid.NewGuid().ToString(),
        };
        if (ticketNumber is not null)
        {
            claims["ticket"] = new Dictionary<string, object> { ["table"] = "incident", ["sys_id"] = IncidentSysId, ["number"] = ticketNumber };
        }

        return ServiceNowSigner.Token(user, Audience, lifetime ?? TimeSpan.FromMinutes(2), claims, Instance);
    }

    public static string? Header(IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
}
