using System.Globalization;
using System.Net;
using System.Text.Json;
using DelegationWidgets.Host.Ldap.Tests.Samba;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Ldap.Tests;

/// <summary>Every standard form through the real host on a real AD domain, as the personas; each change read back from the DC.</summary>
[Collection(DomainHostGroup.Name)]
public sealed class FormSubmissionTests(DomainHostFixture fixture)
{
    private const long AccountDisabled = 0x2;

    private DomainDirectory Dc => fixture.Directory;

    [Fact]
    public async Task ResetPassword_GivenPassword_UserSignsInWithTheNewPasswordOnly()
    {
        const string user = "rob.reset";
        const string newPassword = "Blue!Horizon-4711x";

        var response = await (await fixture.As("agent")).SubmitAsync("reset-password",
            new { data = new { user, newPassword, mustChangeAtNextLogon = false }, reason = "Forgot password" });

        Assert.True(response.Status == HttpStatusCode.Created, response.ToString());
        Assert.Equal(("[redacted]", "[redacted]"), response.Diff(user, "password"));
        Assert.Equal(BindAnswer.Success, Dc.Bind(user, newPassword));
        Assert.Equal(BindAnswer.InvalidCredentials, Dc.Bind(user, PersonaDomain.Password));
        Assert.NotEqual(0, Dc.Number(user, "pwdLastSet"));
        Assert.DoesNotContain(newPassword, fixture.Host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetPassword_NoPasswordGiven_GeneratedOneIsShownOnceAndMustBeChanged()
    {
        const string user = "gina.generated";
        var agent = await fixture.As("agent");

        var response = await agent.SubmitAsync("reset-password", new { data = new { user }, reason = "Locked out of everything" });

        Assert.True(response.Status == HttpStatusCode.Created, response.ToString());
        var secret = response.Body.GetProperty("secret");
        Assert.Equal("newPassword", secret.GetProperty("field").GetString());
        var generated = secret.GetProperty("value").GetString()!;
        // The password works (the DC says it must be changed first, as the form's default asks) and the old one does not.
        Assert.Equal(BindAnswer.MustChangePassword, Dc.Bind(user, generated));
        Assert.Equal(BindAnswer.InvalidCredentials, Dc.Bind(user, PersonaDomain.Password));
        Assert.Equal(0, Dc.Number(user, "pwdLastSet"));
        Assert.Equal(("false", "true"), response.Diff(user, "mustChangePasswordAtNextLogon"));

        var readBack = await agent.GetJsonAsync($"api/v1/changes/{response.ChangeId}");
        Assert.Equal(JsonValueKind.Null, readBack.Body.GetProperty("secret").ValueKind);
        var audit = await (await fixture.As("admin")).AuditOfAsync(user);
        Assert.DoesNotContain(generated, JsonSerializer.Serialize(audit), StringComparison.Ordinal);
        Assert.DoesNotContain(generated, fixture.Host.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alllowercaseletters")]
    [InlineData("NoDigitsOrSymbolsHere")]
    public async Task ResetPassword_AgainstTheDomainPolicy_Returns400OnNewPasswordAndChangesNothing(string newPassword)
    {
        const string user = "wes.weak";
        var pwdLastSet = Dc.Number(user, "pwdLastSet");

        var response = await (await fixture.As("agent")).SubmitAsync("reset-password",
            new { data = new { user, newPassword, mustChangeAtNextLogon = false }, reason = "Forgot password" });

        Assert.True(response.Status == HttpStatusCode.BadRequest, response.ToString());
        Assert.Equal("DW1005", response.ErrorId);
        Assert.Contains(response.FieldErrors("/data/newPassword"), m => m.Contains("at least three", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(pwdLastSet, Dc.Number(user, "pwdLastSet"));
        Assert.Equal(BindAnswer.Success, Dc.Bind(user, PersonaDomain.Password));
    }

    [Fact]
    public async Task UnlockAccount_LockedByBadPasswords_InternUnlocksAndTheUserSignsInAgain()
    {
        const string user = "lena.locked";
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(BindAnswer.InvalidCredentials, Dc.Bind(user, "Wrong!Passw0rd-" + i));
        }

        Assert.NotEqual(0, Dc.Number(user, "lockoutTime"));
        Assert.NotEqual(BindAnswer.Success, Dc.Bind(user, PersonaDomain.Password));

        var response = await (await fixture.As("intern")).SubmitAsync("unlock-account", new { data = new { user } });

        Assert.True(response.Status == HttpStatusCode.Created, response.ToString());
        Assert.Equal(("true", "false"), response.Diff(user, "locked"));
        Assert.Equal(0, Dc.Number(user, "lockoutTime"));
        Assert.Equal(BindAnswer.Success, Dc.Bind(user, PersonaDomain.Password));
    }

    [Fact]
    public async Task CreateTemporaryAccount_InExternal_CreatesAnEnabledExpiringAccountThatSignsIn()
    {
        var expires = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);

        var response = await (await fixture.As("agent")).SubmitAsync("create-temporary-account", new
        {
            data = new { givenName = "Tessa", surname = "Tijdelijk", ou = PersonaDomain.External, manager = "maria.manager", expiresOn = expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            reason = "Contractor for the Q3 campaign",
            ticket = "INC0012345",
        });

        Assert.True(response.Status == HttpStatusCode.Created, response.ToString());
        var id = response.Body.GetProperty("changes")[0].GetProperty("objectId").GetString()!;
        var entry = Dc.Account(id, "userAccountControl", "accountExpires", "manager", "givenName", "sn")!;
        Assert.NotNull(entry);
        Assert.EndsWith("," + PersonaDomain.External, entry.DistinguishedName, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, Dc.Number(id, "userAccountControl") & AccountDisabled);
        Assert.Equal(Dc.Dn("maria.manager"), Dc.Value(id, "manager"), StringComparer.OrdinalIgnoreCase);
        Assert.Equal("Tessa", Dc.Value(id, "givenName"));
        var expiresAt = DateTime.FromFileTimeUtc(Dc.Number(id, "accountExpires"));
        Assert.InRange(expiresAt, expires.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), expires.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var initialPassword = response.Body.GetProperty("secret").GetProperty("value").GetString()!;
        Assert.Contains(Dc.Bind(id, initialPassword), new[] { BindAnswer.Success, BindAnswer.MustChangePassword });
    }

    [Fact]
    public async Task DisableAccount_SalesUser_SetsTheDisabledFlagAndTheUserCannotSignIn()
    {
        const string user = "dirk.disable";

        var response = await (await fixture.As("agent")).SubmitAsync("disable-account", new { data = new { user }, reason = "Left the company", ticket = "INC0020001" });

        Assert.True(response.Status == HttpStatusCode.Created, response.ToString());
        Assert.Equal(("true", "false"), response.Diff(user, "enabled"));
        Assert.Equal(AccountDisabled, Dc.Number(user, "userAccountControl") & AccountDisabled);
        Assert.Equal(BindAnswer.AccountRestricted, Dc.Bind(user, PersonaDomain.Password));
    }

    [Fact]
    public async Task DeleteAccount_ExternalAccount_IsGoneFromTheDomain()
    {
        const string user = "otto.outside";
        Assert.True(Dc.Exists(user));

        var response = await (await fixture.As("agent")).SubmitAsync("delete-account", new { data = new { user, confirm = true }, reason = "Contract ended", ticket = "INC0020002" });

        Assert.True(response.Status == HttpStatusCode.Created, response.ToString());
        Assert.Equal(("true", "false"), response.Diff(user, "exists"));
        Assert.False(Dc.Exists(user));
    }

    [Fact]
    public async Task DeleteAccount_SalesAccount_Returns403AndTheAccountStays()
    {
        var response = await (await fixture.As("agent")).SubmitAsync("delete-account", new { data = new { user = "sara.sales", confirm = true }, reason = "r", ticket = "INC0020003" });

        Assert.True(response.Status == HttpStatusCode.Forbidden, response.ToString());
        Assert.Equal("DW1004", response.ErrorId);
        Assert.NotEmpty(response.FieldErrors("/data/user"));
        Assert.True(Dc.Exists("sara.sales"));
    }

    [Fact]
    public async Task AddAndRemoveGroupMember_Repeated_SecondAddIsNoChangeAndRemoveEndsTheMembership()
    {
        const string user = "gus.group";
        var agent = await fixture.As("agent");
        var userDn = Dc.Dn(user);

        var added = await agent.SubmitAsync("add-group-member", new { data = new { user, group = "sales-leads" }, reason = "Joins the leads" });
        var again = await agent.SubmitAsync("add-group-member", new { data = new { user, group = "sales-leads" }, reason = "Joins the leads" });

        Assert.True(added.Status == HttpStatusCode.Created, added.ToString());
        Assert.Equal("changed", added.Body.GetProperty("outcome").GetString());
        Assert.True(again.Status == HttpStatusCode.Created, again.ToString());
        Assert.Equal("no-change", again.Body.GetProperty("outcome").GetString());
        Assert.NotEqual(added.ChangeId, again.ChangeId);
        Assert.Contains(userDn, Dc.Values("sales-leads", "member"), StringComparer.OrdinalIgnoreCase);

        var removeKey = Guid.NewGuid().ToString();
        var removed = await agent.SubmitAsync("remove-group-member", new { data = new { user, group = "sales-leads" }, reason = "Left the leads" }, removeKey);

        Assert.True(removed.Status == HttpStatusCode.Created, removed.ToString());
        Assert.Equal("changed", removed.Body.GetProperty("outcome").GetString());
        Assert.Equal(("gus.group", null), removed.Diff("sales-leads", "member"));
        Assert.DoesNotContain(userDn, Dc.Values("sales-leads", "member"), StringComparer.OrdinalIgnoreCase);
        // A retry with the same key gets the first change back, although the group is no longer one of the user's groups.
        var replayed = await agent.SubmitAsync("remove-group-member", new { data = new { user, group = "sales-leads" }, reason = "Left the leads" }, removeKey);
        Assert.True(replayed.Status == HttpStatusCode.Created, replayed.ToString());
        Assert.Equal(removed.ChangeId, replayed.ChangeId);
        // With a new key the group is no longer one of the user's groups the form offers: refused, nothing changes.
        var removedAgain = await agent.SubmitAsync("remove-group-member", new { data = new { user, group = "sales-leads" }, reason = "Left the leads" });
        Assert.True(removedAgain.Status == HttpStatusCode.Forbidden, removedAgain.ToString());
        Assert.DoesNotContain(userDn, Dc.Values("sales-leads", "member"), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GrantMailboxAccess_FullAccess_MakesTheUserAMemberOfTheRightGroup()
    {
        const string user = "mia.mailbox";
        var agent = await fixture.As("agent");

        var response = await agent.SubmitAsync("grant-mailbox-access", new { data = new { user, mailbox = "sales-shared", permission = "FullAccess" }, reason = "Covers the team inbox" });
        var again = await agent.SubmitAsync("grant-mailbox-access", new { data = new { user, mailbox = "sales-shared", permission = "FullAccess" }, reason = "Covers the team inbox" });

        Assert.True(response.Status == HttpStatusCode.Created, response.ToString());
        Assert.Equal("changed", response.Body.GetProperty("outcome").GetString());
        Assert.Equal("no-change", again.Body.GetProperty("outcome").GetString());
        Assert.Contains(Dc.Dn(user), Dc.Values("sales-shared-FullAccess", "member"), StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(Dc.Dn(user), Dc.Values("sales-shared-SendAs", "member"), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UpdateContactDetails_ManagerOnDirectReport_SetsMailPhoneAndPrimarySmtpAddress()
    {
        const string user = "mona.contact";

        var response = await (await fixture.As("manager")).SubmitAsync("update-contact-details",
            new { data = new { user, mail = "mona.new@demo.example", phone = "+31 20 123 4567" } });

        Assert.True(response.Status == HttpStatusCode.Created, response.ToString());
        Assert.Equal(("mona.contact@demo.example", "mona.new@demo.example"), response.Diff(user, "mail"));
        Assert.Equal(("+31 20 555 0100", "+31 20 123 4567"), response.Diff(user, "telephoneNumber"));
        Assert.Equal("mona.new@demo.example", Dc.Value(user, "mail"));
        Assert.Equal("+31 20 123 4567", Dc.Value(user, "telephoneNumber"));
        var proxies = Dc.Values(user, "proxyAddresses");
        Assert.Contains("SMTP:mona.new@demo.example", proxies);
        Assert.Contains("smtp:mona.contact@demo.example", proxies);
    }

    [Fact]
    public async Task AddGroupMember_ManagerAddsDirectReportToHerGroup_TheReportBecomesAMember()
    {
        var response = await (await fixture.As("manager")).SubmitAsync("add-group-member", new { data = new { user = "eva.extern", group = "sales-team" }, reason = "Joins the team" });

        Assert.True(response.Status == HttpStatusCode.Created, response.ToString());
        Assert.Contains(Dc.Dn("eva.extern"), Dc.Values("sales-team", "member"), StringComparer.OrdinalIgnoreCase);
    }
}
