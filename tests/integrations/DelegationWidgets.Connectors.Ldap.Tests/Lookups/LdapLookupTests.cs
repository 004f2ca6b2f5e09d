using DelegationWidgets.Connectors.Ldap.Tests.Samba;

namespace DelegationWidgets.Connectors.Ldap.Tests.Lookups;

/// <summary>Lookups answered from the connector's replica (the default).</summary>
[Collection(SambaFixtureGroup.Name)]
public sealed class ReplicaLookupTests(SambaDomainController dc) : LdapLookupTests(dc, replica: true);

/// <summary>The same lookups as searches on the DC (<c>Ldap:LookupReplica=false</c>).</summary>
[Collection(SambaFixtureGroup.Name)]
public sealed class LiveLookupTests(SambaDomainController dc) : LdapLookupTests(dc, replica: false);

public abstract class LdapLookupTests(SambaDomainController dc, bool replica)
{
    private LdapDirectoryConnector Connector => replica ? dc.Connector : dc.LiveConnector;

    private static readonly string Sales = SeedDirectory.Ou("Sales");

    private static TargetScope Scope(ScopeRuleKind kind, string value) => new([new ScopeRule(kind, value)]);

    private async Task<List<DirectoryObject>> AllAsync(LookupQuery query)
    {
        var all = new List<DirectoryObject>();
        var cursor = (string?)null;
        do
        {
            var page = await Connector.SearchAsync(query with { Cursor = cursor }, CancellationToken.None);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return all;
    }

    private static List<string> Ids(IEnumerable<DirectoryObject> items) => [.. items.Select(i => i.Id)];

    [Fact]
    public async Task FindAsync_User_ReturnsAttributesManagerAndGroups()
    {
        var emma = await Connector.FindAsync(DirectoryObjectKind.User, "Emma.Employee", CancellationToken.None);

        Assert.NotNull(emma);
        Assert.Equal("emma.employee", emma.Id);
        Assert.Equal("Emma Employee", emma.DisplayName);
        Assert.Equal(Sales, emma.OrganizationalUnit);
        Assert.Equal("Sales", emma.Department);
        Assert.Equal("maria.manager", emma.ManagerId);
        Assert.Equal(["sales-shared-FullAccess", "sales-team", "vpn-users"], emma.MemberOf);
        Assert.Equal("emma.employee@demo.example", emma.Attributes[DirectoryAttributes.Mail]);
        Assert.Equal("true", emma.Attributes[DirectoryAttributes.Enabled]);
        Assert.Equal("false", emma.Attributes[DirectoryAttributes.Locked]);
        Assert.Null(emma.Attributes[DirectoryAttributes.AccountExpires]);
        Assert.True(Guid.TryParse(emma.Attributes["objectGuid"], out _));
    }

    [Fact]
    public async Task FindAsync_GroupMailboxAndOrganizationalUnit_ReturnsEachKind()
    {
        var group = await Connector.FindAsync(DirectoryObjectKind.Group, "sales-team", CancellationToken.None);
        var mailbox = await Connector.FindAsync(DirectoryObjectKind.Mailbox, "sales-shared", CancellationToken.None);
        var ou = await Connector.FindAsync(DirectoryObjectKind.OrganizationalUnit, SeedDirectory.InsideSales, CancellationToken.None);

        Assert.Equal("maria.manager", group?.OwnerId);
        Assert.Equal(Sales, group?.OrganizationalUnit);
        Assert.Equal("sales-shared@demo.example", mailbox?.Attributes[DirectoryAttributes.Mail]);
        Assert.Equal("maria.manager", mailbox?.OwnerId);
        Assert.Equal("Inside", ou?.DisplayName);
        Assert.Equal(Sales, ou?.OrganizationalUnit);
    }

    [Fact]
    public async Task FindAsync_WrongKindOrRightGroup_ReturnsNull()
    {
        Assert.Null(await Connector.FindAsync(DirectoryObjectKind.Group, "emma.employee", CancellationToken.None));
        Assert.Null(await Connector.FindAsync(DirectoryObjectKind.Group, "sales-shared", CancellationToken.None));
        Assert.Null(await Connector.FindAsync(DirectoryObjectKind.Group, "sales-shared-FullAccess", CancellationToken.None));
        Assert.Null(await Connector.FindAsync(DirectoryObjectKind.Mailbox, "sales-team", CancellationToken.None));
        Assert.Null(await Connector.FindAsync(DirectoryObjectKind.User, "nobody.here", CancellationToken.None));
    }

    [Fact]
    public async Task SearchAsync_PrefixOfNameAccountUpnOrMail_FindsUser()
    {
        foreach (var search in new[] { "Emma Emp", "emma.emp", "emma.employee@demo", "EMMA" })
        {
            var page = await Connector.SearchAsync(new LookupQuery(DirectoryObjectKind.User, search, TargetScope.Everything), CancellationToken.None);
            Assert.Contains("emma.employee", Ids(page.Items));
        }
    }

    [Fact]
    public async Task SearchAsync_PagesOfFive_ReturnEveryUserOnceInOrder()
    {
        var query = new LookupQuery(DirectoryObjectKind.User, "page.user", TargetScope.Everything, PageSize: 7);

        var all = await AllAsync(query);

        Assert.Equal(Enumerable.Range(1, SeedDirectory.PageUsers).Select(i => $"page.user{i:00}"), Ids(all));
    }

    [Fact]
    public async Task SearchAsync_OrganizationalUnitScope_IncludesSubtreeOnly()
    {
        var users = Ids(await AllAsync(new LookupQuery(DirectoryObjectKind.User, null, Scope(ScopeRuleKind.OrganizationalUnit, Sales), PageSize: 200)));

        Assert.Contains("ivo.inside", users);
        Assert.Contains("emma.employee", users);
        Assert.DoesNotContain("frank.finance", users);
        Assert.DoesNotContain("eva.extern", users);
        Assert.All(users, id => Assert.True(id is "maria.manager" or "emma.employee" or "sam.seller" or "ivo.inside" or "star.user" or "comma.user" || id.Contains("sales", StringComparison.Ordinal) || id.Contains('.', StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SearchAsync_EachScopeRule_MatchesTargetScopeContains()
    {
        var rules = new[]
        {
            new ScopeRule(ScopeRuleKind.OrganizationalUnit, Sales),
            new ScopeRule(ScopeRuleKind.OrganizationalUnit, SeedDirectory.InsideSales),
            new ScopeRule(ScopeRuleKind.Department, "finance"),
            new ScopeRule(ScopeRuleKind.DirectReportsOf, "maria.manager"),
            new ScopeRule(ScopeRuleKind.OwnedBy, "maria.manager"),
            new ScopeRule(ScopeRuleKind.SingleObject, "frank.finance"),
            new ScopeRule(ScopeRuleKind.SingleObject, SeedDirectory.Ou("HR")),
            new ScopeRule(ScopeRuleKind.MemberOf, "vpn-users"),
        };
        var everything = new Dictionary<DirectoryObjectKind, List<DirectoryObject>>();
        foreach (var kind in Enum.GetValues<DirectoryObjectKind>())
        {
            everything[kind] = await AllAsync(new LookupQuery(kind, null, TargetScope.Everything, PageSize: 200));
        }

        foreach (var rule in rules)
        {
            var scope = new TargetScope([rule]);
            foreach (var kind in Enum.GetValues<DirectoryObjectKind>())
            {
                var expected = everything[kind].Where(scope.Contains).Select(o => o.Id).Order(StringComparer.OrdinalIgnoreCase).ToList();
                var actual = Ids(await AllAsync(new LookupQuery(kind, null, scope, PageSize: 200))).Order(StringComparer.OrdinalIgnoreCase).ToList();
                Assert.True(expected.SequenceEqual(actual, StringComparer.OrdinalIgnoreCase), $"{rule.Kind}:{rule.Value} for {kind}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
            }
        }
    }

    [Fact]
    public async Task SearchAsync_UnionOfOuAndDirectReports_MergesInOrderAcrossPages()
    {
        var scope = new TargetScope([new ScopeRule(ScopeRuleKind.OrganizationalUnit, SeedDirectory.Ou("Finance")), new ScopeRule(ScopeRuleKind.DirectReportsOf, "maria.manager")]);
        var everything = await AllAsync(new LookupQuery(DirectoryObjectKind.User, null, TargetScope.Everything, PageSize: 200));
        var expected = everything.Where(scope.Contains).Select(o => o.Id).Order(StringComparer.OrdinalIgnoreCase).ToList();

        var actual = Ids(await AllAsync(new LookupQuery(DirectoryObjectKind.User, null, scope, PageSize: 2)));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task SearchAsync_HasMember_ListsTheUsersGroups()
    {
        var page = await Connector.SearchAsync(new LookupQuery(DirectoryObjectKind.Group, null, TargetScope.Everything, HasMember: "emma.employee"), CancellationToken.None);

        Assert.Equal(["sales-team", "vpn-users"], Ids(page.Items));
    }

    [Fact]
    public async Task SearchAsync_WithinOrganizationalUnit_NarrowsTheScope()
    {
        var page = await Connector.SearchAsync(
            new LookupQuery(DirectoryObjectKind.User, null, Scope(ScopeRuleKind.DirectReportsOf, "fleur.dekker"), WithinOrganizationalUnit: SeedDirectory.Ou("External")),
            CancellationToken.None);

        Assert.Equal(["otto.outside"], Ids(page.Items));
    }

    [Fact]
    public async Task SearchAsync_EmptyScope_ReturnsNothing()
    {
        var page = await Connector.SearchAsync(new LookupQuery(DirectoryObjectKind.User, null, TargetScope.None), CancellationToken.None);

        Assert.Empty(page.Items);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task SearchAsync_ForeignCursor_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Connector.SearchAsync(new LookupQuery(DirectoryObjectKind.User, null, TargetScope.Everything, Cursor: "not-a-cursor"), CancellationToken.None));
    }

    [Fact]
    public async Task SearchAsync_OrganizationalUnits_ListsTheSeededOus()
    {
        var ous = Ids(await AllAsync(new LookupQuery(DirectoryObjectKind.OrganizationalUnit, null, Scope(ScopeRuleKind.OrganizationalUnit, Sales), PageSize: 1)));

        Assert.Equal([SeedDirectory.InsideSales, Sales], ous);
    }
}
