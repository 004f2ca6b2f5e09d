namespace DelegationWidgets.Connectors.BuiltIn.Tests.Lookups;

public sealed class SearchTests(SharedDirectory shared) : IClassFixture<SharedDirectory>
{
    private static readonly DirectoryObjectKind[] Kinds =
        [DirectoryObjectKind.User, DirectoryObjectKind.Group, DirectoryObjectKind.Mailbox, DirectoryObjectKind.OrganizationalUnit];

    private IDirectoryConnector Connector => shared.Directory.Connector;

    public static TheoryData<string, ScopeRule[]> Scopes => new()
    {
        { "everything", [new(ScopeRuleKind.Everything, "*")] },
        { "ou sales", [new(ScopeRuleKind.OrganizationalUnit, "OU=Sales,DC=demo,DC=example")] },
        { "ou finance other case", [new(ScopeRuleKind.OrganizationalUnit, "ou=FINANCE,dc=Demo,dc=Example")] },
        { "ou it", [new(ScopeRuleKind.OrganizationalUnit, "OU=IT,DC=demo,DC=example")] },
        { "ou hr", [new(ScopeRuleKind.OrganizationalUnit, "OU=HR,DC=demo,DC=example")] },
        { "ou external", [new(ScopeRuleKind.OrganizationalUnit, "OU=External,DC=demo,DC=example")] },
        { "ou domain", [new(ScopeRuleKind.OrganizationalUnit, "DC=demo,DC=example")] },
        { "ou unknown", [new(ScopeRuleKind.OrganizationalUnit, "OU=Nowhere,DC=demo,DC=example")] },
        { "ou not a dn", [new(ScopeRuleKind.OrganizationalUnit, "Sales")] },
        { "department sales", [new(ScopeRuleKind.Department, "Sales")] },
        { "department finance lower", [new(ScopeRuleKind.Department, "finance")] },
        { "department it", [new(ScopeRuleKind.Department, "IT")] },
        { "department hr", [new(ScopeRuleKind.Department, "hr")] },
        { "department external", [new(ScopeRuleKind.Department, "External")] },
        { "reports of maria", [new(ScopeRuleKind.DirectReportsOf, "maria.manager")] },
        { "reports of director upper", [new(ScopeRuleKind.DirectReportsOf, "DIANA.DIRECTOR")] },
        { "reports of emma", [new(ScopeRuleKind.DirectReportsOf, "emma.employee")] },
        { "owned by maria", [new(ScopeRuleKind.OwnedBy, "maria.manager")] },
        { "owned by kees", [new(ScopeRuleKind.OwnedBy, "kees.keyuser")] },
        { "owned by hanna", [new(ScopeRuleKind.OwnedBy, "Hanna.Smit")] },
        { "single user", [new(ScopeRuleKind.SingleObject, "emma.employee")] },
        { "single group upper", [new(ScopeRuleKind.SingleObject, "SALES-TEAM")] },
        { "single mailbox", [new(ScopeRuleKind.SingleObject, "sales-shared")] },
        { "single ou", [new(ScopeRuleKind.SingleObject, "ou=it,dc=demo,dc=example")] },
        { "single unknown", [new(ScopeRuleKind.SingleObject, "nobody")] },
        { "member of sales-team", [new(ScopeRuleKind.MemberOf, "sales-team")] },
        { "member of vpn-users", [new(ScopeRuleKind.MemberOf, "VPN-Users")] },
        { "member of externals", [new(ScopeRuleKind.MemberOf, "external-contractors")] },
        { "member of unknown", [new(ScopeRuleKind.MemberOf, "nope")] },
        { "department or member", [new(ScopeRuleKind.Department, "Sales"), new(ScopeRuleKind.MemberOf, "vpn-users")] },
        { "manager's view", [new(ScopeRuleKind.DirectReportsOf, "maria.manager"), new(ScopeRuleKind.OwnedBy, "maria.manager"), new(ScopeRuleKind.SingleObject, "maria.manager")] },
        { "mixed", [new(ScopeRuleKind.OrganizationalUnit, "OU=External,DC=demo,DC=example"), new(ScopeRuleKind.Department, "Finance"), new(ScopeRuleKind.MemberOf, "it-admins"), new(ScopeRuleKind.OwnedBy, "thomas.visser")] },
        { "everything and more", [new(ScopeRuleKind.SingleObject, "emma.employee"), new(ScopeRuleKind.Everything, "*")] },
    };

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task SearchAsync_Scope_AgreesWithContainsForEveryKind(string name, ScopeRule[] rules)
    {
        var scope = new TargetScope(rules);
        foreach (var kind in Kinds)
        {
            var all = await shared.Directory.AllAsync(kind, TargetScope.Everything);
            var expected = all.Where(scope.Contains).Select(o => o.Id).Order(StringComparer.Ordinal).ToList();

            var actual = (await shared.Directory.AllAsync(kind, scope)).Select(o => o.Id).Order(StringComparer.Ordinal).ToList();

            Assert.True(expected.SequenceEqual(actual), $"{name}/{kind}: expected {expected.Count}, got {actual.Count}");
        }
    }

    [Theory]
    [InlineData("j")]
    [InlineData("Jan")]
    [InlineData("de v")]
    [InlineData("MARIA")]
    [InlineData("emma.employee@demo")]
    [InlineData("sales")]
    [InlineData("ou=")]
    public async Task SearchAsync_PrefixWithScope_AgreesWithInMemoryPrefixMatch(string search)
    {
        var scope = new TargetScope([new ScopeRule(ScopeRuleKind.Department, "Sales"), new ScopeRule(ScopeRuleKind.OwnedBy, "maria.manager"), new ScopeRule(ScopeRuleKind.OrganizationalUnit, "DC=demo,DC=example")]);
        foreach (var kind in Kinds)
        {
            var all = await shared.Directory.AllAsync(kind, TargetScope.Everything);
            var expected = all.Where(o => scope.Contains(o) && Matches(o, search)).Select(o => o.Id).ToList();

            var actual = (await shared.Directory.AllAsync(kind, scope, search, pageSize: 13)).Select(o => o.Id).ToList();

            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [InlineData("OU=External,DC=demo,DC=example")]
    [InlineData("ou=sales,dc=demo,dc=example")]
    [InlineData("DC=demo,DC=example")]
    [InlineData("OU=Nowhere,DC=demo,DC=example")]
    public async Task SearchAsync_WithinOrganizationalUnit_NarrowsTheScope(string within)
    {
        var scope = new TargetScope([new ScopeRule(ScopeRuleKind.Department, "Sales"), new ScopeRule(ScopeRuleKind.OwnedBy, "maria.manager"), new ScopeRule(ScopeRuleKind.SingleObject, "OU=Sales,DC=demo,DC=example")]);
        var narrowing = new TargetScope([new ScopeRule(ScopeRuleKind.OrganizationalUnit, within)]);
        foreach (var kind in Kinds)
        {
            var all = await shared.Directory.AllAsync(kind, TargetScope.Everything);
            var expected = all.Where(o => scope.Contains(o) && narrowing.Contains(o)).Select(o => o.Id).ToList();

            var actual = new List<string>();
            string? cursor = null;
            do
            {
                var page = await Connector.SearchAsync(new LookupQuery(kind, null, scope, cursor, 9, WithinOrganizationalUnit: within), CancellationToken.None);
                actual.AddRange(page.Items.Select(i => i.Id));
                cursor = page.NextCursor;
            }
            while (cursor is not null);

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public async Task SearchAsync_EmptyScope_ReturnsNothing()
    {
        var page = await Connector.SearchAsync(new LookupQuery(DirectoryObjectKind.User, null, TargetScope.None), CancellationToken.None);

        Assert.Empty(page.Items);
        Assert.Null(page.NextCursor);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("ma%")]
    [InlineData("m_ria")]
    [InlineData("_")]
    [InlineData("\\")]
    [InlineData("ma\\")]
    [InlineData("*")]
    [InlineData("maria*")]
    [InlineData("(")]
    [InlineData("maria)(")]
    [InlineData("'")]
    [InlineData("[a-z]")]
    public async Task SearchAsync_WildcardCharacters_AreLiteral(string search)
    {
        foreach (var kind in Kinds)
        {
            var page = await Connector.SearchAsync(new LookupQuery(kind, search, TargetScope.Everything, PageSize: 200), CancellationToken.None);

            Assert.Empty(page.Items);
        }
    }

    [Fact]
    public async Task SearchAsync_UnderscoreInMail_MatchesOnlyTheLiteralCharacter()
    {
        await using var directory = await TestDirectory.CreateAsync();
        await directory.Connector.ExecuteAsync(new UpdateContactDetails("emma.employee", "x_y@demo.example", null), ActionMode.Apply, CancellationToken.None);
        await directory.Connector.ExecuteAsync(new UpdateContactDetails("anna.agent", "xzy@demo.example", null), ActionMode.Apply, CancellationToken.None);

        var page = await directory.Connector.SearchAsync(new LookupQuery(DirectoryObjectKind.User, "X_Y", TargetScope.Everything), CancellationToken.None);

        Assert.Equal("emma.employee", Assert.Single(page.Items).Id);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(25)]
    [InlineData(200)]
    public async Task SearchAsync_Paging_ReturnsEveryItemExactlyOnceInOrder(int pageSize)
    {
        var pages = 0;
        var ids = new List<string>();
        var items = new List<DirectoryObject>();
        string? cursor = null;
        do
        {
            var page = await Connector.SearchAsync(new LookupQuery(DirectoryObjectKind.User, null, TargetScope.Everything, cursor, pageSize), CancellationToken.None);
            Assert.True(page.Items.Count <= pageSize);
            items.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(300, items.Count);
        Assert.Equal(300, items.Select(i => i.Id).Distinct().Count());
        Assert.Equal((300 + pageSize - 1) / pageSize, pages);
        var sorted = items.OrderBy(i => i.DisplayName.ToLowerInvariant(), StringComparer.Ordinal).ThenBy(i => i.Id, StringComparer.Ordinal).Select(i => i.Id);
        Assert.Equal(sorted, items.Select(i => i.Id));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(1000, 200)]
    public async Task SearchAsync_PageSizeOutOfRange_IsClamped(int pageSize, int expected)
    {
        var page = await Connector.SearchAsync(new LookupQuery(DirectoryObjectKind.User, null, TargetScope.Everything, null, pageSize), CancellationToken.None);

        Assert.Equal(expected, page.Items.Count);
        Assert.NotNull(page.NextCursor);
    }

    [Fact]
    public async Task SearchAsync_InvalidCursor_ThrowsArgumentException()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            Connector.SearchAsync(new LookupQuery(DirectoryObjectKind.User, null, TargetScope.Everything, "not-a-cursor!"), CancellationToken.None));
    }

    [Fact]
    public async Task SearchAsync_HasMember_ReturnsTheUsersDirectGroups()
    {
        var emma = await Connector.FindAsync(DirectoryObjectKind.User, "emma.employee", CancellationToken.None);

        var groups = await Connector.SearchAsync(new LookupQuery(DirectoryObjectKind.Group, null, TargetScope.Everything, HasMember: "Emma.Employee"), CancellationToken.None);

        Assert.Equal(emma!.MemberOf.Order(), groups.Items.Select(g => g.Id).Order());
    }

    [Fact]
    public async Task SearchAsync_HasMemberWithinScope_AppliesBoth()
    {
        var groups = await Connector.SearchAsync(
            new LookupQuery(DirectoryObjectKind.Group, null, new TargetScope([new ScopeRule(ScopeRuleKind.OwnedBy, "maria.manager")]), HasMember: "emma.employee"),
            CancellationToken.None);

        Assert.Equal(["sales-team"], groups.Items.Select(g => g.Id));
    }

    private static bool Matches(DirectoryObject item, string search)
    {
        string?[] keys =
        [
            item.Id, item.DisplayName,
            item.Attributes.GetValueOrDefault(DirectoryAttributes.GivenName),
            item.Attributes.GetValueOrDefault(DirectoryAttributes.Surname),
            item.Attributes.GetValueOrDefault(DirectoryAttributes.Mail),
        ];
        return keys.Any(k => k is not null && k.StartsWith(search, StringComparison.OrdinalIgnoreCase));
    }
}
