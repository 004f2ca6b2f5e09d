using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DelegationWidgets.Testing;
using Microsoft.IdentityModel.Tokens;

namespace DelegationWidgets.Host.Itsm.Tests;

/// <summary>Each trusted issuer's own rules: ServiceNow's tokens are single-use and short-lived with a signed ticket; Entra's come from allowed tenants with the API's scope.</summary>
public sealed class IssuerTests : IClassFixture<ItsmHost>
{
    private static readonly string[] HelpdeskRole = ["helpdesk"];
    private readonly ItsmHost _itsm;

    public IssuerTests(ItsmHost itsm) => _itsm = itsm;

    [Fact]
    public async Task ServiceNowToken_UsedTwice_SecondUseIs401()
    {
        var token = _itsm.ServiceNowToken("sam.servicedesk", "INC0020001");

        var first = await GetFormsAsync(token);
        var second = await GetFormsAsync(token);

        Assert.True(first.Status == HttpStatusCode.OK, first.ToString());
        Assert.True(second.Status == HttpStatusCode.Unauthorized, second.ToString());
        Assert.Contains("used before", second.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceNowToken_LivingLongerThanFiveMinutes_Is401()
    {
        var response = await GetFormsAsync(_itsm.ServiceNowToken("sam.servicedesk", "INC0020002", TimeSpan.FromMinutes(30)));

        Assert.True(response.Status == HttpStatusCode.Unauthorized, response.ToString());
        Assert.Contains("lives longer than 5 minutes", response.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceNowToken_TicketClaimForged_Is401()
    {
        var parts = _itsm.ServiceNowToken("sam.servicedesk", "INC0020003").Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!;
        payload["ticket"]!["number"] = "INC0099999";
        parts[1] = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));

        var response = await GetFormsAsync(string.Join('.', parts));

        Assert.True(response.Status == HttpStatusCode.Unauthorized, response.ToString());
        Assert.Contains("signature", response.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceNowToken_SignedByAnotherKey_Is401()
    {
        await using var impostor = await OidcIssuer.StartAsync();
        var token = impostor.Token("sam.servicedesk", ItsmHost.Audience, TimeSpan.FromMinutes(2),
            new Dictionary<string, object> { ["jti"] = Guid.NewGuid().ToString(), ["groups"] = new[] { ItsmHost.ServiceDeskGroup } }, ItsmHost.Instance);

        var response = await GetFormsAsync(token);

        Assert.True(response.Status == HttpStatusCode.Unauthorized, response.ToString());
    }

    [Fact]
    public async Task ServiceNowToken_IssuedInTheFuture_Is401()
    {
        var future = _itsm.ServiceNowSigner.Token("sam.servicedesk", ItsmHost.Audience, TimeSpan.FromMinutes(2), new Dictionary<string, object>
        {
            ["jti"] = Guid.NewGuid().ToString(),
        }, ItsmHost.Instance, issuedAt: DateTime.UtcNow.AddHours(1));

        var iat = JsonNode.Parse(Base64UrlEncoder.Decode(future.Split('.')[1]))!["iat"]!.GetValue<long>();
        var response = await GetFormsAsync(future);

        Assert.True(iat > DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds(), "the token says it was issued an hour from now");
        Assert.True(response.Status == HttpStatusCode.Unauthorized, response.ToString());
        Assert.Contains("issued in the future", response.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TicketClaimInAnotherIssuersToken_IsIgnored_NothingIsRecordedAsVerified()
    {
        var token = _itsm.Entra.Token("anna@contoso.example", ItsmHost.Audience, TimeSpan.FromMinutes(30), new Dictionary<string, object>
        {
            ["tid"] = ItsmHost.TenantId, ["scp"] = "user_impersonation", ["roles"] = HelpdeskRole,
            ["ticket"] = new Dictionary<string, object> { ["table"] = "incident", ["sys_id"] = ItsmHost.IncidentSysId, ["number"] = "INC0020005" },
        });
        using var client = new HttpClient { BaseAddress = _itsm.Host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var user = (await new DirectoryReader(_itsm.Host.DatabasePath).UsersAsync("OU=Sales,DC=demo,DC=example", "Locked = 1")).Last();

        var response = await client.SubmitAsync("unlock-account", new { data = new { user }, reason = "Locked out" });

        Assert.True(response.Status == HttpStatusCode.Created, response.ToString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, response.Body.GetProperty("ticket").ValueKind);
    }

    [Theory]
    [InlineData("7c1f0000-0000-4000-8000-00000000aaaa", "user_impersonation", HttpStatusCode.OK, null)]
    [InlineData("99990000-0000-4000-8000-00000000bbbb", "user_impersonation", HttpStatusCode.Unauthorized, "tenant this API does not accept")]
    [InlineData("7c1f0000-0000-4000-8000-00000000aaaa", "User.Read", HttpStatusCode.Unauthorized, "lacks the scope")]
    public async Task EntraToken_TenantAndScope_AreChecked(string tenant, string scope, HttpStatusCode expected, string? message)
    {
        var token = _itsm.Entra.Token("anna@contoso.example", ItsmHost.Audience, TimeSpan.FromMinutes(30),
            new Dictionary<string, object> { ["tid"] = tenant, ["scp"] = scope, ["roles"] = HelpdeskRole });

        var response = await GetFormsAsync(token);

        Assert.True(response.Status == expected, response.ToString());
        if (message is not null)
        {
            Assert.Contains(message, response.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    private async Task<ApiResponse> GetFormsAsync(string token)
    {
        using var client = new HttpClient { BaseAddress = _itsm.Host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetJsonAsync("api/v1/forms");
    }
}
