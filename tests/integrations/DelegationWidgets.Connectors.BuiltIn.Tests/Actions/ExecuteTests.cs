namespace DelegationWidgets.Connectors.BuiltIn.Tests.Actions;

public sealed class ExecuteTests
{
    private const string Missing = "no.body";

    [Theory]
    [MemberData(nameof(ActionCases.Names), MemberType = typeof(ActionCases))]
    public async Task ExecuteAsync_Apply_ChangesAndReadsBack(string name)
    {
        var testCase = ActionCases.Get(name);
        await using var directory = await TestDirectory.CreateAsync();

        var result = await directory.Connector.ExecuteAsync(testCase.Action, ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionOutcome.Changed, result.Outcome);
        Assert.Null(result.Error);
        Assert.NotEmpty(result.Changes);
        Assert.All(result.Changes, c => Assert.True(c.Secret || c.Before != c.After || c.Attribute == DirectoryAttributes.Exists));
        await testCase.Verify(directory, result);
    }

    [Theory]
    [MemberData(nameof(ActionCases.Names), MemberType = typeof(ActionCases))]
    public async Task ExecuteAsync_Preview_SameResultAndWritesNothing(string name)
    {
        var testCase = ActionCases.Get(name);
        await using var directory = await TestDirectory.CreateAsync();
        var before = await directory.DumpAsync();

        var preview = await directory.Connector.ExecuteAsync(testCase.Action, ActionMode.Preview, CancellationToken.None);

        Assert.Equal(before, await directory.DumpAsync());
        var applied = await directory.Connector.ExecuteAsync(testCase.Action, ActionMode.Apply, CancellationToken.None);
        Assert.Equal(applied.Outcome, preview.Outcome);
        Assert.Equal(applied.Changes, preview.Changes);
        Assert.Equal(applied.CreatedObjectId, preview.CreatedObjectId);
    }

    [Theory]
    [MemberData(nameof(ActionCases.Names), MemberType = typeof(ActionCases))]
    public async Task ExecuteAsync_Repeated_ReturnsNoChangeAndWritesNothing(string name)
    {
        var testCase = ActionCases.Get(name);
        await using var directory = await TestDirectory.CreateAsync();
        var first = await directory.Connector.ExecuteAsync(testCase.Action, ActionMode.Apply, CancellationToken.None);
        var afterFirst = await directory.DumpAsync();

        var second = await directory.Connector.ExecuteAsync(testCase.Action, ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionOutcome.NoChange, second.Outcome);
        Assert.Equal(afterFirst, await directory.DumpAsync());
        Assert.Equal(first.CreatedObjectId, second.CreatedObjectId);
        await testCase.Verify(directory, second);
    }

    public static TheoryData<DirectoryAction, string> MissingObjects => new()
    {
        { new ResetPassword(Missing, "Tulpen-Bloeien-2026!", false), "userId" },
        { new UnlockAccount(Missing), "userId" },
        { new DisableAccount(Missing), "userId" },
        { new EnableAccount(Missing), "userId" },
        { new DeleteAccount(Missing), "userId" },
        { new AddGroupMember(Missing, "sales-team"), "userId" },
        { new AddGroupMember("emma.employee", "no-group"), "groupId" },
        { new RemoveGroupMember(Missing, "sales-team"), "userId" },
        { new RemoveGroupMember("emma.employee", "no-group"), "groupId" },
        { new AddGroupMember("emma.employee", "sales-shared"), "groupId" },
        { new GrantMailboxAccess(Missing, "sales-shared", MailboxRight.FullAccess), "userId" },
        { new GrantMailboxAccess("emma.employee", "no-mailbox", MailboxRight.FullAccess), "mailboxId" },
        { new RevokeMailboxAccess("emma.employee", "sales-team", MailboxRight.SendAs), "mailboxId" },
        { new UpdateContactDetails(Missing, "x@demo.example", null), "userId" },
        { new CreateAccount("Jan", "Bos", "OU=External,DC=demo,DC=example", Missing, new DateOnly(2026, 3, 1), "Welkom#Extern-9876"), "managerId" },
        { new CreateAccount("Jan", "Bos", "OU=Nowhere,DC=demo,DC=example", "maria.manager", new DateOnly(2026, 3, 1), "Welkom#Extern-9876"), "organizationalUnit" },
    };

    [Theory]
    [MemberData(nameof(MissingObjects))]
    public async Task ExecuteAsync_MissingObject_FailsNotFoundNamingTheParameter(DirectoryAction action, string parameter)
    {
        await using var directory = await TestDirectory.CreateAsync();

        foreach (var mode in new[] { ActionMode.Preview, ActionMode.Apply })
        {
            var result = await directory.Connector.ExecuteAsync(action, mode, CancellationToken.None);

            Assert.Equal(ActionOutcome.Failed, result.Outcome);
            Assert.Equal(ActionErrorCode.NotFound, result.Error!.Code);
            Assert.Equal(parameter, result.Error.Parameter);
            Assert.Empty(result.Changes);
        }
    }

    [Fact]
    public async Task ExecuteAsync_MissingUser_MessageNamesTheId()
    {
        await using var directory = await TestDirectory.CreateAsync();

        var result = await directory.Connector.ExecuteAsync(new UnlockAccount("x"), ActionMode.Apply, CancellationToken.None);

        Assert.Equal("No user 'x'.", result.Error!.Message);
    }

    [Theory]
    [InlineData("Short-1a", "at least 12")]
    [InlineData("alllowercaseletters", "three of")]
    [InlineData("ALLUPPER12345", "three of")]
    [InlineData("xx-EMMA.EMPLOYEE-2026", "account name")]
    [InlineData("My-employee-2026", "surname")]
    public async Task ExecuteAsync_ResetPasswordAgainstPolicy_FailsPolicyViolation(string password, string message)
    {
        await using var directory = await TestDirectory.CreateAsync();
        var before = await directory.DumpAsync();

        var result = await directory.Connector.ExecuteAsync(new ResetPassword("emma.employee", password, false), ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionErrorCode.PolicyViolation, result.Error!.Code);
        Assert.Equal("newPassword", result.Error.Parameter);
        Assert.Contains(message, result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await directory.DumpAsync());
    }

    [Theory]
    [InlineData("Jan", "Bos", "Welkom-1", "initialPassword")]
    [InlineData("Jan", "Bos", "Welkom-jan.bos-2026", "initialPassword")]
    [InlineData("Jan", "Bos", "Welkom-BOS-20261", "initialPassword")]
    [InlineData("  ", "Bos", "Welkom#Extern-9876", "givenName")]
    [InlineData("Jan", "%%", "Welkom#Extern-9876", "surname")]
    public async Task ExecuteAsync_CreateAccountInvalid_FailsPolicyViolation(string given, string surname, string password, string parameter)
    {
        await using var directory = await TestDirectory.CreateAsync();

        var result = await directory.Connector.ExecuteAsync(
            new CreateAccount(given, surname, "OU=External,DC=demo,DC=example", "maria.manager", new DateOnly(2026, 3, 1), password), ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionErrorCode.PolicyViolation, result.Error!.Code);
        Assert.Equal(parameter, result.Error.Parameter);
    }

    [Fact]
    public async Task ExecuteAsync_CreateAccountExpiryInPast_FailsPolicyViolation()
    {
        await using var directory = await TestDirectory.CreateAsync();

        var result = await directory.Connector.ExecuteAsync(
            new CreateAccount("Jan", "Bos", "OU=External,DC=demo,DC=example", "maria.manager", new DateOnly(2026, 1, 14), "Welkom#Extern-9876"), ActionMode.Apply, CancellationToken.None);

        Assert.Equal("expiresOn", result.Error!.Parameter);
    }

    [Fact]
    public async Task ExecuteAsync_CreateAccountTakenName_AddsDigitsAndDepartmentFromOu()
    {
        await using var directory = await TestDirectory.CreateAsync();

        var result = await directory.Connector.ExecuteAsync(
            new CreateAccount("Emma", "Employee", "OU=HR,DC=demo,DC=example", "hanna.smit", new DateOnly(2026, 6, 30), "Welkom#Intern-9876"), ActionMode.Apply, CancellationToken.None);

        Assert.Equal("emma.employee2", result.CreatedObjectId);
        var created = await directory.Connector.FindAsync(DirectoryObjectKind.User, "emma.employee2", CancellationToken.None);
        Assert.Equal("HR", created!.Department);
        Assert.Contains(result.Changes, c => c is { Attribute: DirectoryAttributes.Password, Secret: true, Before: null, After: null });
    }

    [Fact]
    public async Task ExecuteAsync_CreateAccountTwiceWithDifferentPasswords_CreatesTwoAccounts()
    {
        await using var directory = await TestDirectory.CreateAsync();
        CreateAccount Create(string password) => new("Jan", "Bos", "OU=External,DC=demo,DC=example", "maria.manager", new DateOnly(2026, 3, 1), password);

        var first = await directory.Connector.ExecuteAsync(Create("Welkom#Extern-1111"), ActionMode.Apply, CancellationToken.None);
        var second = await directory.Connector.ExecuteAsync(Create("Welkom#Extern-2222"), ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionOutcome.Changed, second.Outcome);
        Assert.NotEqual(first.CreatedObjectId, second.CreatedObjectId);
    }

    [Fact]
    public async Task ExecuteAsync_DeleteInternalAccount_FailsNotAllowed()
    {
        await using var directory = await TestDirectory.CreateAsync();

        var result = await directory.Connector.ExecuteAsync(new DeleteAccount("emma.employee"), ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionErrorCode.NotAllowed, result.Error!.Code);
        Assert.Equal("userId", result.Error.Parameter);
        Assert.NotNull(await directory.Connector.FindAsync(DirectoryObjectKind.User, "emma.employee", CancellationToken.None));
    }

    [Fact]
    public async Task ExecuteAsync_DeleteExternal_ListsRemovedMemberships()
    {
        await using var directory = await TestDirectory.CreateAsync();

        var result = await directory.Connector.ExecuteAsync(new DeleteAccount(ActionCases.ExternalUser), ActionMode.Apply, CancellationToken.None);

        Assert.Contains(result.Changes, c => c.ObjectId == "external-contractors" && c.Attribute == DirectoryAttributes.Members && c.Before == ActionCases.ExternalUser && c.After is null);
    }

    [Fact]
    public async Task ExecuteAsync_ResetPassword_LeavesLockAloneAndMarksPasswordSecret()
    {
        await using var directory = await TestDirectory.CreateAsync();
        var locked = ActionCases.LockedSalesUser;

        var result = await directory.Connector.ExecuteAsync(new ResetPassword(locked, ActionCases.NewPassword, false), ActionMode.Apply, CancellationToken.None);

        var password = Assert.Single(result.Changes, c => c.Attribute == DirectoryAttributes.Password);
        Assert.True(password.Secret);
        Assert.Null(password.Before);
        Assert.Null(password.After);
        Assert.Equal("true", (await directory.Connector.FindAsync(DirectoryObjectKind.User, locked, CancellationToken.None))!.Attributes[DirectoryAttributes.Locked]);
    }

    [Theory]
    [InlineData("not an address", null, "mail")]
    [InlineData("maria.manager@demo.example", null, "mail")]
    [InlineData(null, "call me", "phone")]
    public async Task ExecuteAsync_UpdateContactDetailsInvalid_Fails(string? mail, string? phone, string parameter)
    {
        await using var directory = await TestDirectory.CreateAsync();

        var result = await directory.Connector.ExecuteAsync(new UpdateContactDetails("emma.employee", mail, phone), ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionOutcome.Failed, result.Outcome);
        Assert.Equal(parameter, result.Error!.Parameter);
    }

    [Fact]
    public async Task ExecuteAsync_UpdateContactDetailsNothingGiven_ReturnsNoChange()
    {
        await using var directory = await TestDirectory.CreateAsync();

        var result = await directory.Connector.ExecuteAsync(new UpdateContactDetails("emma.employee", null, null), ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionOutcome.NoChange, result.Outcome);
    }

    [Fact]
    public void Seed_ActionCaseUsers_AreWhatTheCasesAssume()
    {
        Assert.Equal("OU=External,DC=demo,DC=example", ActionCases.Seed.Entries.Single(e => e.Id == ActionCases.ExternalUser).OrganizationalUnit);
        Assert.StartsWith("+31", ActionCases.Seed.Entries.Single(e => e.Id == ActionCases.LockedSalesUser).Phone, StringComparison.Ordinal);
    }
}
