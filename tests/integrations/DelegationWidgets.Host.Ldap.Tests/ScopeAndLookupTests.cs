using System.Net;
using DelegationWidgets.Host.Ldap.Tests.Samba;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Ldap.Tests;

/// <summary>
/// Lookups and submissions stay within each persona's delegation (grants.json) on a real domain: what a lookup offers is
/// compared with the tests' own LDAP search for the same scope; out-of-scope submissions are refused, audited and change
/// nothing; filter special characters in the search text cannot widen a search.
/// </summary>
[Collection(DomainHostGroup.Name)]
public sealed class ScopeAndLookupTests(DomainHostFixture fixture)
{
    private const string Users = "(sAMAccountType=805306368)";

    private DomainDirectory Dc => fixture.Directory;

    [Fact]
    public async Task UserLookup_Agent_OffersExactlyTheUsersInSalesAndExternal()
    {
        var expected = Dc.AccountNames(Users, PersonaDomain.Sales).Concat(Dc.AccountNames(Users, PersonaDomain.External));

        var offered = await (await fixture.As("agent")).LookupAllAsync("reset-password", "user");

        Assert.Equal(expected.Order(StringComparer.OrdinalIgnoreCase), offered.Order(StringComparer.OrdinalIgnoreCase));
        Assert.DoesNotContain("thomas.visser", offered);
        Assert.Contains("finn.fieldsales", offered);
    }

    [Fact]
    public async Task UserLookup_KeyUser_OffersExactlyTheFinanceDepartment()
    {
        var expected = Dc.AccountNames($"(&{Users}(department=Finance))");

        var offered = await (await fixture.As("keyuser")).LookupAllAsync("reset-password", "user");

        Assert.Equal(expected.Order(StringComparer.OrdinalIgnoreCase), offered.Order(StringComparer.OrdinalIgnoreCase));
        Assert.Contains("finn.fieldsales", offered);
        Assert.DoesNotContain("sara.sales", offered);
    }

    [Fact]
    public async Task UserLookup_Manager_OffersExactlyHerDirectReports()
    {
        var expected = Dc.AccountNames($"(&{Users}(manager={DomainDirectory.EscapeFilter(Dc.Dn("maria.manager"))}))");

        var offered = await (await fixture.As("manager")).LookupAllAsync("update-contact-details", "user");

        Assert.Equal(PersonaDomain.MariasReports.Order(StringComparer.OrdinalIgnoreCase), expected.Order(StringComparer.OrdinalIgnoreCase));
        Assert.Equal(expected.Order(StringComparer.OrdinalIgnoreCase), offered.Order(StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task GroupLookup_Manager_OffersOnlyGroupsSheOwns()
    {
        var offered = await (await fixture.As("manager")).LookupAllAsync("add-group-member", "group");

        Assert.Equal(PersonaDomain.MariasGroups, offered.Order(StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task UserLookup_Intern_OffersOnlySalesForUnlock()
    {
        var expected = Dc.AccountNames(Users, PersonaDomain.Sales);

        var offered = await (await fixture.As("intern")).LookupAllAsync("unlock-account", "user");

        Assert.Equal(expected.Order(StringComparer.OrdinalIgnoreCase), offered.Order(StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task UserLookup_PrefixSearch_MatchesAccountDisplayNameAndMail()
    {
        var agent = await fixture.As("agent");

        Assert.Equal(["emma.employee"], await agent.LookupAllAsync("reset-password", "user", "emma"));
        Assert.Equal(["emma.employee"], await agent.LookupAllAsync("reset-password", "user", "Emma Empl"));
        Assert.Equal(["star.user"], await agent.LookupAllAsync("reset-password", "user", "Star * (Paren)"));
        Assert.Empty(await agent.LookupAllAsync("reset-password", "user", "thomas"));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("*)(sAMAccountName=*")]
    [InlineData(")(|(objectClass=*)")]
    [InlineData("*)(|(department=IT)")]
    [InlineData("thomas*")]
    [InlineData("\\2a")]
    [InlineData("\\")]
    [InlineData("e*)(objectClass=user))(|(cn=")]
    [InlineData("CN=Thomas Visser,OU=IT,DC=demo,DC=example")]
    public async Task UserLookup_FilterInjection_OffersNothingBeyondTheLiteralPrefixInScope(string q)
    {
        var literal = DomainDirectory.EscapeFilter(q);
        var prefix = $"(|(sAMAccountName={literal}*)(displayName={literal}*)(cn={literal}*)(givenName={literal}*)(sn={literal}*)(userPrincipalName={literal}*)(mail={literal}*))";
        var expected = Dc.AccountNames($"(&{Users}{prefix})", PersonaDomain.Sales).Concat(Dc.AccountNames($"(&{Users}{prefix})", PersonaDomain.External));

        var offered = await (await fixture.As("agent")).LookupAllAsync("reset-password", "user", q);

        // Only star.user (surname "* (Paren) \\ User") literally starts with "*"; nothing else may come back.
        Assert.Equal(expected.Order(StringComparer.OrdinalIgnoreCase), offered.Order(StringComparer.OrdinalIgnoreCase));
        Assert.All(offered, id => Assert.Equal("star.user", id));
    }

    [Fact]
    public async Task UserLookup_NulCharacter_OffersNothing()
    {
        var page = await (await fixture.As("agent")).LookupPageAsync("reset-password", "user", "\0");

        if (page.Status == HttpStatusCode.OK)
        {
            Assert.Empty(page.Body.GetProperty("items").EnumerateArray());
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        }
    }

    [Fact]
    public async Task Submit_AgentOnUserOutsideHerOus_Returns403DW1004ChangesNothingAndIsAudited()
    {
        const string user = "thomas.visser";
        var pwdLastSet = Dc.Number(user, "pwdLastSet");

        var response = await (await fixture.As("agent")).SubmitAsync("reset-password",
            new { data = new { user, newPassword = "Out!Of-Scope-2026x", mustChangeAtNextLogon = false }, reason = "Trying my luck" });

        Assert.True(response.Status == HttpStatusCode.Forbidden, response.ToString());
        Assert.Equal("DW1004", response.ErrorId);
        Assert.NotEmpty(response.FieldErrors("/data/user"));
        Assert.Equal(pwdLastSet, Dc.Number(user, "pwdLastSet"));
        Assert.Equal(BindAnswer.Success, Dc.Bind(user, PersonaDomain.Password));
        var audit = await (await fixture.As("admin")).AuditOfAsync(user);
        Assert.Contains(audit, e => e.GetProperty("type").GetString() == "access.denied"
            && e.GetProperty("actor").GetProperty("subject").GetString() == "anna.agent"
            && e.GetProperty("formId").GetString() == "reset-password");
    }

    [Theory]
    [InlineData("keyuser", "unlock-account", "sam.seller")]
    [InlineData("manager", "update-contact-details", "sara.sales")]
    [InlineData("intern", "unlock-account", "thomas.visser")]
    public async Task Submit_PersonaOnUserOutsideTheirScope_Returns403DW1004(string persona, string form, string user)
    {
        object data = form == "update-contact-details" ? new { user, phone = "+31 20 999 9999" } : new { user };

        var response = await (await fixture.As(persona)).SubmitAsync(form, new { data, reason = "r" });

        Assert.True(response.Status == HttpStatusCode.Forbidden, response.ToString());
        Assert.Equal("DW1004", response.ErrorId);
        Assert.Equal("+31 20 555 0100", Dc.Value(user, "telephoneNumber"));
    }

    [Fact]
    public async Task AddGroupMember_ManagerToGroupSheDoesNotOwn_Returns403AndMembershipUnchanged()
    {
        var members = Dc.Values("finance-team", "member");

        var response = await (await fixture.As("manager")).SubmitAsync("add-group-member", new { data = new { user = "emma.employee", group = "finance-team" }, reason = "r" });

        Assert.True(response.Status == HttpStatusCode.Forbidden, response.ToString());
        Assert.Equal("DW1004", response.ErrorId);
        Assert.NotEmpty(response.FieldErrors("/data/group"));
        Assert.Equal(members.Order(), Dc.Values("finance-team", "member").Order());
    }

    [Fact]
    public async Task Submit_FormNotGranted_Returns403DW1003()
    {
        var response = await (await fixture.As("intern")).SubmitAsync("reset-password", new { data = new { user = "emma.employee" }, reason = "r" });

        Assert.True(response.Status == HttpStatusCode.Forbidden, response.ToString());
        Assert.Equal("DW1003", response.ErrorId);
    }
}
