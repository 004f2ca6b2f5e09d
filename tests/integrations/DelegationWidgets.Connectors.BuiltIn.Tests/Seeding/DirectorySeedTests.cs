using DelegationWidgets.Connectors.BuiltIn.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Connectors.BuiltIn.Tests.Seeding;

public sealed class DirectorySeedTests(SharedDirectory shared) : IClassFixture<SharedDirectory>
{
    private const string Sales = "OU=Sales,DC=demo,DC=example";
    private static readonly string[] InternalDepartments = ["Sales", "Finance", "IT", "HR"];
    private static readonly string[] LockableDepartments = ["Sales", "Finance"];
    private IDirectoryConnector Connector => shared.Directory.Connector;

    [Fact]
    public async Task Initialize_TwoDatabasesWithSameUserCount_HoldIdenticalData()
    {
        await using var other = await TestDirectory.CreateAsync();

        Assert.Equal(await shared.Directory.DumpAsync(), await other.DumpAsync());
    }

    [Fact]
    public async Task Initialize_RunTwice_SeedsOnce()
    {
        var before = await shared.Directory.DumpAsync();
        using var scope = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System)
            .AddBuiltInDirectory(o => o.ConnectionString = $"Data Source={Path.Combine(shared.Directory.Folder, "delegation.db")}")
            .BuildServiceProvider();
        foreach (var hosted in scope.GetServices<Microsoft.Extensions.Hosting.IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        Assert.Equal(before, await shared.Directory.DumpAsync());
    }

    [Fact]
    public void Create_LargerUserCount_StartsWithTheSameUsers()
    {
        static List<string> Users(int count) => [.. DirectorySeed.Create(count).Entries
            .Where(e => e.Kind == DirectoryObjectKind.User).Select(e => $"{e.Id}|{e.Department}|{e.Locked}|{e.AccountExpires}")];

        var small = Users(300);
        var large = Users(1000);

        Assert.Equal(1000, large.Count);
        Assert.Equal(small, large.Take(300));
    }

    [Fact]
    public async Task Search_AllUsers_ReturnsUserCountWithUniqueLowerCaseIds()
    {
        var users = await shared.Directory.AllAsync(DirectoryObjectKind.User, TargetScope.Everything);

        Assert.Equal(300, users.Count);
        Assert.Equal(users.Count, users.Select(u => u.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(users, u => Assert.Matches("^[a-z]+\\.[a-z]+[0-9]*$", u.Id));
        Assert.All(users, u => Assert.Equal($"{u.Id}@demo.example", u.Attributes[DirectoryAttributes.Mail]));
        Assert.All(users, u => Assert.StartsWith("+31 20 ", u.Attributes[DirectoryAttributes.Phone], StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("anna.agent", "IT", "thomas.visser")]
    [InlineData("kees.keyuser", "Finance", "fleur.dekker")]
    [InlineData("maria.manager", "Sales", "diana.director")]
    [InlineData("ivo.intern", "IT", "thomas.visser")]
    [InlineData("emma.employee", "Sales", "maria.manager")]
    [InlineData("adam.admin", "IT", "thomas.visser")]
    public async Task FindAsync_Persona_ExistsEnabledInItsDepartment(string id, string department, string manager)
    {
        var user = await Connector.FindAsync(DirectoryObjectKind.User, id, CancellationToken.None);

        Assert.NotNull(user);
        Assert.Equal(department, user.Department);
        Assert.Equal($"OU={department},DC=demo,DC=example", user.OrganizationalUnit);
        Assert.Equal(manager, user.ManagerId);
        Assert.Equal("true", user.Attributes[DirectoryAttributes.Enabled]);
        Assert.Equal("false", user.Attributes[DirectoryAttributes.Locked]);
        Assert.Null(user.Attributes[DirectoryAttributes.AccountExpires]);
    }

    [Fact]
    public async Task Search_ManagersAndDirector_EveryDepartmentHasAManagerReportingToTheDirector()
    {
        var users = await shared.Directory.AllAsync(DirectoryObjectKind.User, TargetScope.Everything);
        var byId = users.ToDictionary(u => u.Id);

        foreach (var department in InternalDepartments)
        {
            var managers = users.Where(u => u.Department == department && u.OrganizationalUnit != "OU=External,DC=demo,DC=example")
                .Select(u => u.ManagerId).Where(m => m is not null && byId[m].ManagerId is not null).Distinct().ToList();
            var manager = Assert.Single(managers);
            Assert.Equal(department, byId[manager!].Department);
            Assert.Equal("diana.director", byId[manager!].ManagerId);
        }

        Assert.Null(byId["diana.director"].ManagerId);
        Assert.True(users.Count(u => u.ManagerId == "maria.manager") >= 5);
    }

    [Fact]
    public async Task Search_LockedUsers_AtLeastThreeInSalesAndTwoInFinance()
    {
        var users = await shared.Directory.AllAsync(DirectoryObjectKind.User, TargetScope.Everything);
        var locked = users.Where(u => u.Attributes[DirectoryAttributes.Locked] == "true").ToList();

        Assert.True(locked.Count(u => u.OrganizationalUnit == Sales) >= 3);
        Assert.True(locked.Count(u => u.OrganizationalUnit == "OU=Finance,DC=demo,DC=example") >= 2);
        Assert.All(locked, u => Assert.Contains(u.Department, LockableDepartments));
    }

    [Fact]
    public async Task Search_ExternalUsers_AtLeastTenWithSponsorDepartmentAndExpiryWithin180Days()
    {
        var externals = await shared.Directory.AllAsync(DirectoryObjectKind.User,
            new TargetScope([new ScopeRule(ScopeRuleKind.OrganizationalUnit, "OU=External,DC=demo,DC=example")]));
        var externalIds = externals.Select(u => u.Id).ToHashSet();
        var internals = (await shared.Directory.AllAsync(DirectoryObjectKind.User, TargetScope.Everything)).Where(u => !externalIds.Contains(u.Id)).ToList();

        Assert.True(externals.Count >= 10);
        Assert.All(externals, u =>
        {
            Assert.Contains(u.Department, InternalDepartments);
            var expires = DateOnly.Parse(u.Attributes[DirectoryAttributes.AccountExpires]!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(expires.DayNumber - DirectorySeed.SeedDate.DayNumber, 1, 180);
        });
        Assert.All(internals, u => Assert.Null(u.Attributes[DirectoryAttributes.AccountExpires]));
        Assert.All(internals, u => Assert.Equal($"OU={u.Department},DC=demo,DC=example", u.OrganizationalUnit));
    }

    [Theory]
    [InlineData("sales-team", "Sales", "maria.manager")]
    [InlineData("sales-crm-users", "Sales", "maria.manager")]
    [InlineData("sales-leads", "Sales", "maria.manager")]
    [InlineData("finance-team", "Finance", "fleur.dekker")]
    [InlineData("finance-reporting", "Finance", "kees.keyuser")]
    [InlineData("it-admins", "IT", "thomas.visser")]
    [InlineData("it-helpdesk", "IT", "thomas.visser")]
    [InlineData("hr-team", "HR", "hanna.smit")]
    [InlineData("vpn-users", "IT", "thomas.visser")]
    [InlineData("external-contractors", "External", "hanna.smit")]
    public async Task FindAsync_SeedGroup_HasOuOwnerAndMembers(string id, string ou, string owner)
    {
        var group = await Connector.FindAsync(DirectoryObjectKind.Group, id, CancellationToken.None);
        var members = await shared.Directory.AllAsync(DirectoryObjectKind.User, new TargetScope([new ScopeRule(ScopeRuleKind.MemberOf, id)]));

        Assert.NotNull(group);
        Assert.Equal($"OU={ou},DC=demo,DC=example", group.OrganizationalUnit);
        Assert.Equal(owner, group.OwnerId);
        Assert.NotEmpty(members);
    }

    [Theory]
    [InlineData("sales-shared", "maria.manager")]
    [InlineData("finance-invoices", "fleur.dekker")]
    [InlineData("hr-confidential", "hanna.smit")]
    [InlineData("it-servicedesk", "thomas.visser")]
    public async Task FindAsync_SeedMailbox_HasOwnerAndMail(string id, string owner)
    {
        var mailbox = await Connector.FindAsync(DirectoryObjectKind.Mailbox, id, CancellationToken.None);

        Assert.NotNull(mailbox);
        Assert.Equal(owner, mailbox.OwnerId);
        Assert.Equal($"{id}@demo.example", mailbox.Attributes[DirectoryAttributes.Mail]);
    }

    [Fact]
    public async Task ExecuteAsync_GrantExistingSeedPermission_ReturnsNoChange()
    {
        var full = await Connector.ExecuteAsync(new GrantMailboxAccess("emma.employee", "sales-shared", MailboxRight.FullAccess), ActionMode.Preview, CancellationToken.None);
        var sendAs = await Connector.ExecuteAsync(new GrantMailboxAccess("anna.agent", "it-servicedesk", MailboxRight.SendAs), ActionMode.Preview, CancellationToken.None);

        Assert.Equal(ActionOutcome.NoChange, full.Outcome);
        Assert.Equal(ActionOutcome.NoChange, sendAs.Outcome);
    }

    [Fact]
    public async Task Search_GroupsOwnedByMaria_AtLeastTwo()
    {
        var owned = await shared.Directory.AllAsync(DirectoryObjectKind.Group, new TargetScope([new ScopeRule(ScopeRuleKind.OwnedBy, "maria.manager")]));

        Assert.True(owned.Count >= 2);
    }

    [Fact]
    public async Task FindAsync_Emma_MemberOfListsDirectGroups()
    {
        var emma = await Connector.FindAsync(DirectoryObjectKind.User, "Emma.Employee", CancellationToken.None);

        Assert.NotNull(emma);
        Assert.Equal(["sales-team", "vpn-users"], emma.MemberOf);
    }

    [Theory]
    [InlineData("", 300, "ConnectionString")]
    [InlineData("Data Source=x.db", 10, "UserCount")]
    public void AddBuiltInDirectory_InvalidOptions_FailsNamingTheSetting(string connectionString, int userCount, string setting)
    {
        using var provider = new ServiceCollection().AddBuiltInDirectory(o =>
        {
            o.ConnectionString = connectionString;
            o.UserCount = userCount;
        }).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<BuiltInDirectoryOptions>>().Value);
        Assert.Contains($"BuiltInDirectory:{setting}", error.Message, StringComparison.Ordinal);
    }
}
