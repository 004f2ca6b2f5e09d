using DelegationWidgets.Connectors.BuiltIn.Passwords;
using DelegationWidgets.Connectors.BuiltIn.Seeding;

namespace DelegationWidgets.Connectors.BuiltIn.Tests.Actions;

/// <summary>One action on the seed and how to check that its effect is there.</summary>
public sealed record ActionCase(string Name, DirectoryAction Action, Func<TestDirectory, ActionResult, Task> Verify)
{
    public override string ToString() => Name;
}

internal static class ActionCases
{
    public const string NewPassword = "Tulpen-Bloeien-2026!";
    public const string InitialPassword = "Welkom#Extern-9876";

    public static string LockedSalesUser => TestDirectory.Seed.Entries.First(e => e.Locked && e.Department == "Sales").Id;

    public static string DisabledUser => TestDirectory.Seed.Entries.First(e => e.Kind == DirectoryObjectKind.User && !e.Enabled).Id;

    public static string ExternalUser => TestDirectory.Seed.Entries.First(e => e.OrganizationalUnit == "OU=External,DC=demo,DC=example").Id;

    public static IEnumerable<ActionCase> All()
    {
        yield return new("resetPassword", new ResetPassword("emma.employee", NewPassword, true), async (d, _) =>
        {
            var emma = await d.EntryAsync("emma.employee");
            Assert.True(PasswordHash.Verify(NewPassword, emma!.PasswordHash));
            Assert.True(emma.MustChangePassword);
        });
        yield return new("unlockAccount", new UnlockAccount(LockedSalesUser), async (d, _) =>
            Assert.Equal("false", (await Find(d, LockedSalesUser)).Attributes[DirectoryAttributes.Locked]));
        yield return new("disableAccount", new DisableAccount("emma.employee"), async (d, _) =>
            Assert.Equal("false", (await Find(d, "emma.employee")).Attributes[DirectoryAttributes.Enabled]));
        yield return new("enableAccount", new EnableAccount(DisabledUser), async (d, _) =>
            Assert.Equal("true", (await Find(d, DisabledUser)).Attributes[DirectoryAttributes.Enabled]));
        yield return new("deleteAccount", new DeleteAccount(ExternalUser), async (d, _) =>
        {
            Assert.Null(await d.Connector.FindAsync(DirectoryObjectKind.User, ExternalUser, CancellationToken.None));
            var members = await d.AllAsync(DirectoryObjectKind.User, new TargetScope([new ScopeRule(ScopeRuleKind.MemberOf, "external-contractors")]));
            Assert.DoesNotContain(members, m => m.Id == ExternalUser);
        });
        yield return new("createAccount",
            new CreateAccount("Jan", "de Vries", "OU=External,DC=demo,DC=example", "maria.manager", new DateOnly(2026, 3, 31), InitialPassword, "Sales"),
            async (d, result) =>
            {
                Assert.NotNull(result.CreatedObjectId);
                Assert.StartsWith("jan.devries", result.CreatedObjectId, StringComparison.Ordinal);
                var user = await Find(d, result.CreatedObjectId);
                Assert.Equal("OU=External,DC=demo,DC=example", user.OrganizationalUnit);
                Assert.Equal("Sales", user.Department);
                Assert.Equal("maria.manager", user.ManagerId);
                Assert.Equal("true", user.Attributes[DirectoryAttributes.Enabled]);
                Assert.Equal("2026-03-31", user.Attributes[DirectoryAttributes.AccountExpires]);
                Assert.Equal($"{user.Id}@demo.example", user.Attributes[DirectoryAttributes.Mail]);
                Assert.True(PasswordHash.Verify(InitialPassword, (await d.EntryAsync(user.Id))!.PasswordHash));
            });
        yield return new("addGroupMember", new AddGroupMember("emma.employee", "sales-crm-users"), async (d, _) =>
            Assert.Contains("sales-crm-users", (await Find(d, "emma.employee")).MemberOf));
        yield return new("removeGroupMember", new RemoveGroupMember("emma.employee", "sales-team"), async (d, _) =>
            Assert.DoesNotContain("sales-team", (await Find(d, "emma.employee")).MemberOf));
        yield return new("grantMailboxAccess", new GrantMailboxAccess("emma.employee", "finance-invoices", MailboxRight.SendAs), async (d, _) =>
            Assert.Equal(ActionOutcome.NoChange, (await d.Connector.ExecuteAsync(new GrantMailboxAccess("emma.employee", "finance-invoices", MailboxRight.SendAs), ActionMode.Preview, CancellationToken.None)).Outcome));
        yield return new("revokeMailboxAccess", new RevokeMailboxAccess("emma.employee", "sales-shared", MailboxRight.FullAccess), async (d, _) =>
            Assert.Equal(ActionOutcome.NoChange, (await d.Connector.ExecuteAsync(new RevokeMailboxAccess("emma.employee", "sales-shared", MailboxRight.FullAccess), ActionMode.Preview, CancellationToken.None)).Outcome));
        yield return new("updateContactDetails", new UpdateContactDetails("emma.employee", "Emma.Werk@demo.example", "+31 20 555 0101"), async (d, _) =>
        {
            var emma = await Find(d, "emma.employee");
            Assert.Equal("Emma.Werk@demo.example", emma.Attributes[DirectoryAttributes.Mail]);
            Assert.Equal("+31 20 555 0101", emma.Attributes[DirectoryAttributes.Phone]);
        });
    }

    public static TheoryData<string> Names() => [.. All().Select(c => c.Name)];

    public static ActionCase Get(string name) => All().Single(c => c.Name == name);

    private static async Task<DirectoryObject> Find(TestDirectory directory, string? id)
    {
        var user = await directory.Connector.FindAsync(DirectoryObjectKind.User, id!, CancellationToken.None);
        Assert.NotNull(user);
        return user;
    }

    /// <summary>The seed this fixture relies on, checked so a seed change fails loudly here.</summary>
    public static DirectorySeed Seed => TestDirectory.Seed;
}
