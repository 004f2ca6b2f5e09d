using System.Globalization;
using DelegationWidgets.Connectors.Ldap.Connection;
using DelegationWidgets.Connectors.Ldap.Tests.Samba;

namespace DelegationWidgets.Connectors.Ldap.Tests.Actions;

[Collection(SambaFixtureGroup.Name)]
public sealed class LdapCreateDeleteTests(SambaDomainController dc)
{
    private static readonly string External = SeedDirectory.Ou("External");
    private static readonly DateOnly ExpiresOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60);

    private Task<ActionResult> ApplyAsync(DirectoryAction action) => dc.Connector.ExecuteAsync(action, ActionMode.Apply, CancellationToken.None);

    [Fact]
    public async Task CreateAccount_External_CreatesEnabledExpiringAccountThatMustChangePassword()
    {
        var password = dc.Connector.GeneratePassword();
        var action = new CreateAccount("Cora", "Contractor", External, "maria.manager", ExpiresOn, password);

        var preview = await dc.Connector.ExecuteAsync(action, ActionMode.Preview, CancellationToken.None);
        var created = await ApplyAsync(action);
        var repeated = await ApplyAsync(action);

        Assert.Equal(ActionOutcome.Changed, preview.Outcome);
        Assert.Equal(ActionOutcome.Changed, created.Outcome);
        Assert.Equal("cora.contractor", created.CreatedObjectId);
        Assert.Equal(ActionOutcome.NoChange, repeated.Outcome);
        Assert.Equal("cora.contractor", repeated.CreatedObjectId);
        Assert.All(created.Changes.Where(c => c.Secret), c => Assert.Null(c.After));

        var entry = await dc.ReadAsync("(sAMAccountName=cora.contractor)", "manager", "accountExpires", "userAccountControl", "pwdLastSet", "mail", "proxyAddresses", "department", "userPrincipalName");
        Assert.NotNull(entry);
        Assert.EndsWith("," + External, entry.DistinguishedName, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(await dc.DnOfAsync("maria.manager"), (string)entry.Attributes["manager"][0]);
        Assert.Equal(ExpiresOn.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).ToFileTimeUtc().ToString(CultureInfo.InvariantCulture), (string)entry.Attributes["accountExpires"][0]);
        Assert.Equal(0, int.Parse((string)entry.Attributes["userAccountControl"][0], CultureInfo.InvariantCulture) & 2);
        Assert.Equal("0", (string)entry.Attributes["pwdLastSet"][0]);
        Assert.Equal("cora.contractor@demo.example", (string)entry.Attributes["mail"][0]);
        Assert.Equal("SMTP:cora.contractor@demo.example", (string)entry.Attributes["proxyAddresses"][0]);
        Assert.Equal("External", (string)entry.Attributes["department"][0]);
        Assert.Equal(BindOutcome.MustChangePassword, await dc.BindAsync("cora.contractor", password));
    }

    [Fact]
    public async Task CreateAccount_SameNameTwice_SecondGetsNumberedAccountAndUniqueCn()
    {
        var first = await ApplyAsync(new CreateAccount("Nina", "Twice", External, "maria.manager", ExpiresOn, dc.Connector.GeneratePassword()));
        var second = await ApplyAsync(new CreateAccount("Nina", "Twice", External, "maria.manager", ExpiresOn, dc.Connector.GeneratePassword()));

        Assert.Equal("nina.twice", first.CreatedObjectId);
        Assert.Equal("nina.twice2", second.CreatedObjectId);
        Assert.StartsWith("CN=Nina Twice (nina.twice2),", await dc.DnOfAsync("nina.twice2"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAccount_OuNotAllowed_NotAllowedOnOrganizationalUnit()
    {
        var result = await ApplyAsync(new CreateAccount("Fay", "Finance", SeedDirectory.Ou("Finance"), "fleur.dekker", ExpiresOn, dc.Connector.GeneratePassword()));

        Assert.Equal(ActionErrorCode.NotAllowed, result.Error?.Code);
        Assert.Equal("organizationalUnit", result.Error?.Parameter);
        Assert.Null(await dc.ReadAsync("(sAMAccountName=fay.finance)", "cn"));
    }

    [Fact]
    public async Task CreateAccount_WeakInitialPassword_PolicyViolationAndNothingCreated()
    {
        var result = await ApplyAsync(new CreateAccount("Wendy", "Weak", External, "maria.manager", ExpiresOn, "weak"));

        Assert.Equal(ActionErrorCode.PolicyViolation, result.Error?.Code);
        Assert.Equal("initialPassword", result.Error?.Parameter);
        Assert.Null(await dc.ReadAsync("(sAMAccountName=wendy.weak)", "cn"));
    }

    [Fact]
    public async Task CreateAccount_UnknownManager_NotFoundOnManagerId()
    {
        var result = await ApplyAsync(new CreateAccount("Mia", "Nomanager", External, "nobody.at.all", ExpiresOn, dc.Connector.GeneratePassword()));

        Assert.Equal(ActionErrorCode.NotFound, result.Error?.Code);
        Assert.Equal("managerId", result.Error?.Parameter);
    }

    [Fact]
    public async Task DeleteAccount_External_DeletesAndRepeatIsNoChange()
    {
        var created = await ApplyAsync(new CreateAccount("Dan", "Delete", External, "maria.manager", ExpiresOn, dc.Connector.GeneratePassword()));
        await ApplyAsync(new AddGroupMember("dan.delete", "external-contractors"));

        var deleted = await ApplyAsync(new DeleteAccount(created.CreatedObjectId!));
        // Recognising a repeat reads the tombstone, which needs List/Read on CN=Deleted Objects (default: administrators only).
        var withTombstoneRights = dc.CreateConnector(o =>
        {
            o.BindDn = $"CN=Administrator,CN=Users,{SambaDomainController.BaseDn}";
            o.BindPassword = SambaDomainController.AdminPassword;
        });
        var repeated = await withTombstoneRights.ExecuteAsync(new DeleteAccount(created.CreatedObjectId!), ActionMode.Apply, CancellationToken.None);
        var repeatedWithoutRights = await ApplyAsync(new DeleteAccount(created.CreatedObjectId!));

        Assert.Equal(ActionOutcome.Changed, deleted.Outcome);
        Assert.Contains(new AttributeChange("dan.delete", DirectoryAttributes.Exists, "true", "false"), deleted.Changes);
        Assert.Contains(new AttributeChange("external-contractors", DirectoryAttributes.Members, "dan.delete", null), deleted.Changes);
        Assert.Null(await dc.ReadAsync("(sAMAccountName=dan.delete)", "cn"));
        Assert.Equal(ActionOutcome.NoChange, repeated.Outcome);
        Assert.Equal(ActionErrorCode.NotFound, repeatedWithoutRights.Error?.Code);
    }

    [Fact]
    public async Task DeleteAccount_NotExternal_NotAllowedAndKept()
    {
        var result = await ApplyAsync(new DeleteAccount("emma.employee"));

        Assert.Equal(ActionErrorCode.NotAllowed, result.Error?.Code);
        Assert.Equal("userId", result.Error?.Parameter);
        Assert.NotNull(await dc.ReadAsync("(sAMAccountName=emma.employee)", "cn"));
    }
}
