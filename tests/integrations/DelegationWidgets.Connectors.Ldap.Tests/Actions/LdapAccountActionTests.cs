using System.DirectoryServices.Protocols;
using System.Globalization;
using System.Text;
using DelegationWidgets.Connectors.Ldap.Connection;
using DelegationWidgets.Connectors.Ldap.Tests.Samba;

namespace DelegationWidgets.Connectors.Ldap.Tests.Actions;

[Collection(SambaFixtureGroup.Name)]
public sealed class LdapAccountActionTests(SambaDomainController dc)
{
    private Task<ActionResult> ApplyAsync(DirectoryAction action) => dc.Connector.ExecuteAsync(action, ActionMode.Apply, CancellationToken.None);

    private Task<ActionResult> PreviewAsync(DirectoryAction action) => dc.Connector.ExecuteAsync(action, ActionMode.Preview, CancellationToken.None);

    [Fact]
    public async Task ResetPassword_Apply_UserBindsWithNewPasswordOnly()
    {
        var password = dc.Connector.GeneratePassword();

        var result = await ApplyAsync(new ResetPassword("frank.finance", password, MustChangeAtNextLogon: false));

        Assert.Equal(ActionOutcome.Changed, result.Outcome);
        Assert.Contains(result.Changes, c => c is { Attribute: DirectoryAttributes.Password, Secret: true, Before: null, After: null });
        Assert.Equal(BindOutcome.Success, await dc.BindAsync("frank.finance", password));
        Assert.Equal(BindOutcome.InvalidCredentials, await dc.BindAsync("frank.finance", SeedDirectory.Password));
    }

    [Fact]
    public async Task ResetPassword_MustChange_SetsPwdLastSetToZero()
    {
        var password = dc.Connector.GeneratePassword();

        var result = await ApplyAsync(new ResetPassword("kees.keyuser", password, MustChangeAtNextLogon: true));

        Assert.Equal(ActionOutcome.Changed, result.Outcome);
        Assert.Contains(result.Changes, c => c is { Attribute: DirectoryAttributes.MustChangePassword, Before: "false", After: "true" });
        Assert.Equal("0", await dc.ReadValueAsync("kees.keyuser", "pwdLastSet"));
        Assert.Equal(BindOutcome.MustChangePassword, await dc.BindAsync("kees.keyuser", password));
        var found = await dc.Connector.FindAsync(DirectoryObjectKind.User, "kees.keyuser", CancellationToken.None);
        Assert.Equal("true", found?.Attributes[DirectoryAttributes.MustChangePassword]);
    }

    [Theory]
    [InlineData("Short1!", "at least 10")]
    [InlineData("alllowercaseletters", "complex")]
    public async Task ResetPassword_AgainstDomainPolicy_FailsOnNewPassword(string password, string expected)
    {
        var applied = await ApplyAsync(new ResetPassword("harry.hr", password, false));
        var previewed = await PreviewAsync(new ResetPassword("harry.hr", password, false));

        Assert.Equal(ActionErrorCode.PolicyViolation, applied.Error?.Code);
        Assert.Equal("newPassword", applied.Error?.Parameter);
        Assert.Contains(expected, applied.Error?.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ActionErrorCode.PolicyViolation, previewed.Error?.Code);
        Assert.Equal("newPassword", previewed.Error?.Parameter);
        Assert.Equal(BindOutcome.Success, await dc.BindAsync("harry.hr", SeedDirectory.Password));
    }

    [Fact]
    public async Task ResetPassword_Preview_ChangesNothing()
    {
        var result = await PreviewAsync(new ResetPassword("otto.outside", dc.Connector.GeneratePassword(), true));

        Assert.Equal(ActionOutcome.Changed, result.Outcome);
        Assert.Equal(BindOutcome.Success, await dc.BindAsync("otto.outside", SeedDirectory.Password));
        Assert.NotEqual("0", await dc.ReadValueAsync("otto.outside", "pwdLastSet"));
    }

    [Fact]
    public async Task ResetPassword_UnknownUser_NotFoundOnUserId()
    {
        var result = await ApplyAsync(new ResetPassword("no.such.user", dc.Connector.GeneratePassword(), false));

        Assert.Equal(ActionErrorCode.NotFound, result.Error?.Code);
        Assert.Equal("userId", result.Error?.Parameter);
    }

    [Fact]
    public async Task PasswordRejections_HistoryAndMinimumAgeFromTheDc_MapToClearMessages()
    {
        // Samba enforces history and minimum age on a user's own change (resets only by length and complexity), so the
        // DC's real answers are produced with a self-service change and then mapped by the connector.
        var dn = await dc.DnOfAsync("diana.director");
        var asUser = dc.CreateGateway(dn, SeedDirectory.Password);

        var history = await Assert.ThrowsAsync<DirectoryOperationException>(() => ChangeOwnPasswordAsync(asUser, dn, SeedDirectory.Password, SeedDirectory.Password));
        Assert.True(LdapErrors.IsPasswordRejection(history));
        Assert.Contains("used recently", LdapErrors.PasswordMessage(history, 10), StringComparison.Ordinal);

        await dc.AdminModifyAsync(SambaDomainController.BaseDn, "minPwdAge", DirectoryAttributeOperation.Replace, "-864000000000");
        try
        {
            // The seed set the password moments ago, so with a minimum age of one day any change is too early.
            var tooYoung = await Assert.ThrowsAsync<DirectoryOperationException>(() => ChangeOwnPasswordAsync(asUser, dn, SeedDirectory.Password, "Fresh!Passw0rd-1"));
            Assert.True(LdapErrors.IsPasswordRejection(tooYoung));
            Assert.Contains("minimum password age", LdapErrors.PasswordMessage(tooYoung, 10), StringComparison.Ordinal);
        }
        finally
        {
            await dc.AdminModifyAsync(SambaDomainController.BaseDn, "minPwdAge", DirectoryAttributeOperation.Replace, "0");
        }
    }

    private static Task<ModifyResponse> ChangeOwnPasswordAsync(LdapGateway asUser, string dn, string oldPassword, string newPassword)
    {
        var remove = new DirectoryAttributeModification { Name = "unicodePwd", Operation = DirectoryAttributeOperation.Delete };
        remove.Add(Encoding.Unicode.GetBytes("\"" + oldPassword + "\""));
        var add = new DirectoryAttributeModification { Name = "unicodePwd", Operation = DirectoryAttributeOperation.Add };
        add.Add(Encoding.Unicode.GetBytes("\"" + newPassword + "\""));
        return asUser.SendAsync<ModifyResponse>(new ModifyRequest(dn, remove, add), CancellationToken.None);
    }

    [Fact]
    public async Task UnlockAccount_LockedByBadPasswords_ClearsLockoutTime()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(BindOutcome.InvalidCredentials, await dc.BindAsync("hanna.smit", "Wrong!Password-" + i));
        }

        var locked = await dc.Connector.FindAsync(DirectoryObjectKind.User, "hanna.smit", CancellationToken.None);
        Assert.Equal("true", locked?.Attributes[DirectoryAttributes.Locked]);
        Assert.NotEqual(BindOutcome.Success, await dc.BindAsync("hanna.smit", SeedDirectory.Password));

        var preview = await PreviewAsync(new UnlockAccount("hanna.smit"));
        var result = await ApplyAsync(new UnlockAccount("hanna.smit"));
        var again = await ApplyAsync(new UnlockAccount("hanna.smit"));

        Assert.Equal(ActionOutcome.Changed, preview.Outcome);
        Assert.Equal(ActionOutcome.Changed, result.Outcome);
        Assert.Equal([new AttributeChange("hanna.smit", DirectoryAttributes.Locked, "true", "false")], result.Changes);
        Assert.Equal("0", await dc.ReadValueAsync("hanna.smit", "lockoutTime"));
        Assert.Equal(BindOutcome.Success, await dc.BindAsync("hanna.smit", SeedDirectory.Password));
        Assert.Equal(ActionOutcome.NoChange, again.Outcome);
    }

    [Fact]
    public async Task DisableThenEnable_TogglesAccountDisableBitIdempotently()
    {
        var disabled = await ApplyAsync(new DisableAccount("sam.seller"));
        var disabledAgain = await ApplyAsync(new DisableAccount("sam.seller"));
        var uacDisabled = int.Parse((await dc.ReadValueAsync("sam.seller", "userAccountControl"))!, CultureInfo.InvariantCulture);
        var bindDisabled = await dc.BindAsync("sam.seller", SeedDirectory.Password);

        var enabled = await ApplyAsync(new EnableAccount("sam.seller"));
        var uacEnabled = int.Parse((await dc.ReadValueAsync("sam.seller", "userAccountControl"))!, CultureInfo.InvariantCulture);

        Assert.Equal(ActionOutcome.Changed, disabled.Outcome);
        Assert.Equal([new AttributeChange("sam.seller", DirectoryAttributes.Enabled, "true", "false")], disabled.Changes);
        Assert.Equal(ActionOutcome.NoChange, disabledAgain.Outcome);
        Assert.Equal(2, uacDisabled & 2);
        Assert.NotEqual(BindOutcome.Success, bindDisabled);
        Assert.Equal(ActionOutcome.Changed, enabled.Outcome);
        Assert.Equal(0, uacEnabled & 2);
        Assert.Equal(BindOutcome.Success, await dc.BindAsync("sam.seller", SeedDirectory.Password));
    }

    [Fact]
    public async Task SetAccountExpiry_SetAndClear_WritesAccountExpires()
    {
        var date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);

        var set = await ApplyAsync(new SetAccountExpiry("ivo.inside", date));
        var stored = await dc.ReadValueAsync("ivo.inside", "accountExpires");
        var again = await ApplyAsync(new SetAccountExpiry("ivo.inside", date));
        var cleared = await ApplyAsync(new SetAccountExpiry("ivo.inside", null));

        Assert.Equal(ActionOutcome.Changed, set.Outcome);
        Assert.Equal([new AttributeChange("ivo.inside", DirectoryAttributes.AccountExpires, null, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))], set.Changes);
        Assert.Equal(date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).ToFileTimeUtc().ToString(CultureInfo.InvariantCulture), stored);
        Assert.Equal(ActionOutcome.NoChange, again.Outcome);
        Assert.Equal(ActionOutcome.Changed, cleared.Outcome);
        Assert.Equal("0", await dc.ReadValueAsync("ivo.inside", "accountExpires"));
    }

    [Fact]
    public async Task UpdateContactDetails_NewMail_SetsMailAndPrimarySmtpKeepingOldAsSecondary()
    {
        var result = await ApplyAsync(new UpdateContactDetails("thomas.visser", "t.visser@demo.example", "+31 20 555 0199"));
        var again = await ApplyAsync(new UpdateContactDetails("thomas.visser", "t.visser@demo.example", "+31 20 555 0199"));
        var entry = await dc.ReadAsync("(sAMAccountName=thomas.visser)", "mail", "proxyAddresses", "telephoneNumber");

        Assert.Equal(ActionOutcome.Changed, result.Outcome);
        Assert.Contains(new AttributeChange("thomas.visser", DirectoryAttributes.Mail, "thomas.visser@demo.example", "t.visser@demo.example"), result.Changes);
        Assert.Contains(new AttributeChange("thomas.visser", "proxyAddresses", "SMTP:thomas.visser@demo.example", "SMTP:t.visser@demo.example;smtp:thomas.visser@demo.example"), result.Changes);
        Assert.Equal(ActionOutcome.NoChange, again.Outcome);
        Assert.Equal("t.visser@demo.example", (string)entry!.Attributes["mail"][0]);
        Assert.Equal("+31 20 555 0199", (string)entry.Attributes["telephoneNumber"][0]);
        Assert.Equal(
            ["SMTP:t.visser@demo.example", "smtp:thomas.visser@demo.example"],
            entry.Attributes["proxyAddresses"].GetValues(typeof(string)).Cast<string>().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task UpdateContactDetails_MailOfAnotherUser_AlreadyExistsOnMail()
    {
        var result = await ApplyAsync(new UpdateContactDetails("eva.extern", "emma.employee@demo.example", null));

        Assert.Equal(ActionErrorCode.AlreadyExists, result.Error?.Code);
        Assert.Equal("mail", result.Error?.Parameter);
        Assert.Equal("eva.extern@demo.example", await dc.ReadValueAsync("eva.extern", "mail"));
    }

    [Fact]
    public async Task GeneratePassword_AfterPolicyRead_IsAcceptedByTheDc()
    {
        await PreviewAsync(new ResetPassword("page.user01", "x", false));

        var password = dc.Connector.GeneratePassword();
        var result = await ApplyAsync(new ResetPassword("page.user01", password, false));

        Assert.True(password.Length >= 16);
        Assert.Equal(ActionOutcome.Changed, result.Outcome);
        Assert.Equal(BindOutcome.Success, await dc.BindAsync("page.user01", password));
    }
}
