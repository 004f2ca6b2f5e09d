using DelegationWidgets.Connectors.Ldap.Filters;
using DelegationWidgets.Connectors.Ldap.Tests.Samba;

namespace DelegationWidgets.Connectors.Ldap.Tests.Filters;

/// <summary>Values with filter and DN special characters reach the real DC only as values: they never widen a search or reach another object.</summary>
[Collection(SambaFixtureGroup.Name)]
public sealed class LdapInjectionTests(SambaDomainController dc)
{
    /// <summary>The page from the replica, after checking that a search on the DC lists the same objects.</summary>
    private async Task<LookupPage> SearchBothAsync(LookupQuery query)
    {
        var live = await dc.LiveConnector.SearchAsync(query, CancellationToken.None);
        var replicated = await dc.Connector.SearchAsync(query, CancellationToken.None);
        Assert.Equal(live.Items.Select(i => i.Id), replicated.Items.Select(i => i.Id));
        return replicated;
    }

    public static TheoryData<string> Hostile => ["*", "e*", ")(sAMAccountName=*", "*)(|(objectClass=*", "emma.employee)(|(sAMAccountName=*)", "\\2a", "\\", "\0", "emma\0*", "(", ")"];

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task SearchAsync_HostileSearchText_MatchesOnlyLiterally(string search)
    {
        var page = await SearchBothAsync(new LookupQuery(DirectoryObjectKind.User, search, TargetScope.Everything, PageSize: 200));

        Assert.All(page.Items, item => Assert.True(
            new[] { item.Id, item.DisplayName, item.Attributes[DirectoryAttributes.Mail] ?? "", item.Attributes[DirectoryAttributes.GivenName] ?? "", item.Attributes[DirectoryAttributes.Surname] ?? "" }.Any(v => v.StartsWith(search, StringComparison.OrdinalIgnoreCase)),
            $"'{item.Id}' does not start with the search text {search}"));
    }

    [Fact]
    public async Task SearchAsync_LiteralStar_FindsTheDisplayNameWithAStar()
    {
        var page = await SearchBothAsync(new LookupQuery(DirectoryObjectKind.User, "Star * (Paren) \\", TargetScope.Everything));

        Assert.Equal(["star.user"], page.Items.Select(i => i.Id));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task FindAsync_HostileId_FindsNothing(string id)
    {
        Assert.Null(await dc.Connector.FindAsync(DirectoryObjectKind.User, id, CancellationToken.None));
        Assert.Null(await dc.Connector.FindAsync(DirectoryObjectKind.Group, id, CancellationToken.None));
        Assert.Null(await dc.Connector.FindAsync(DirectoryObjectKind.OrganizationalUnit, id, CancellationToken.None));
    }

    [Theory]
    [InlineData(ScopeRuleKind.Department, "*")]
    [InlineData(ScopeRuleKind.Department, "Sales)(department=*")]
    [InlineData(ScopeRuleKind.SingleObject, "*")]
    [InlineData(ScopeRuleKind.SingleObject, "emma.employee)(sAMAccountName=*")]
    [InlineData(ScopeRuleKind.DirectReportsOf, "*")]
    [InlineData(ScopeRuleKind.MemberOf, "*")]
    [InlineData(ScopeRuleKind.OrganizationalUnit, "OU=Sales,DC=demo,DC=example)(objectClass=*")]
    [InlineData(ScopeRuleKind.OrganizationalUnit, "*")]
    public async Task SearchAsync_HostileScopeValue_SelectsNothing(ScopeRuleKind kind, string value)
    {
        var page = await SearchBothAsync(new LookupQuery(DirectoryObjectKind.User, null, new TargetScope([new ScopeRule(kind, value)])));

        Assert.Empty(page.Items);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("emma.employee)(sAMAccountName=*")]
    public async Task SearchAsync_HostileHasMember_ListsNoGroups(string member)
    {
        var page = await SearchBothAsync(new LookupQuery(DirectoryObjectKind.Group, null, TargetScope.Everything, HasMember: member));

        Assert.Empty(page.Items);
    }

    [Theory]
    [InlineData("OU=External,DC=demo,DC=example)(objectClass=*")]
    [InlineData("*")]
    [InlineData("OU=Elsewhere,DC=other,DC=example")]
    public async Task SearchAsync_HostileOrForeignWithin_ReturnsNothing(string within)
    {
        var page = await SearchBothAsync(new LookupQuery(DirectoryObjectKind.User, null, TargetScope.Everything, WithinOrganizationalUnit: within));

        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task CreateAccount_DnSpecialCharactersInNames_StayInOneRdnOfTheAllowedOu()
    {
        var result = await dc.Connector.ExecuteAsync(
            new CreateAccount("Evil,OU=Finance", "Name+CN=x\\;<>\"#", SeedDirectory.Ou("External"), "maria.manager", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5), dc.Connector.GeneratePassword()),
            ActionMode.Apply,
            CancellationToken.None);

        Assert.Equal(ActionOutcome.Changed, result.Outcome);
        var created = await dc.Connector.FindAsync(DirectoryObjectKind.User, result.CreatedObjectId!, CancellationToken.None);
        Assert.Equal(SeedDirectory.Ou("External"), created?.OrganizationalUnit);
        Assert.Equal("Evil,OU=Finance Name+CN=x\\;<>\"#", created?.DisplayName);
        Assert.Equal("Evil,OU=Finance", created?.Attributes[DirectoryAttributes.GivenName]);
    }

    [Fact]
    public async Task CreateAccount_OuWithInjectedSuffix_IsNotAllowed()
    {
        var result = await dc.Connector.ExecuteAsync(
            new CreateAccount("Ou", "Trick", "OU=Finance,DC=demo,DC=example,OU=External,DC=demo,DC=example", "maria.manager", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5), dc.Connector.GeneratePassword()),
            ActionMode.Apply,
            CancellationToken.None);

        Assert.Equal(ActionOutcome.Failed, result.Outcome);
        Assert.Null(await dc.Connector.FindAsync(DirectoryObjectKind.User, "ou.trick", CancellationToken.None));
    }

    [Fact]
    public void Escape_SpecialCharacters_BecomeHexEscapes()
    {
        Assert.Equal("a\\2ab\\28c\\29d\\5ce\\00f", LdapFilter.Escape("a*b(c)d\\e\0f"));
        Assert.Equal("(mail=x\\2a*)", LdapFilter.StartsWith("mail", "x*"));
        Assert.Equal(LdapFilter.Nothing, LdapFilter.StartsWith("mail", "emma\0"));
    }

    [Fact]
    public void EscapeValue_DnSpecialCharacters_AreEscaped()
    {
        Assert.Equal("\\#a\\,b\\+c\\=d\\;e\\<f\\>g\\\"h\\\\i\\ ", DistinguishedName.EscapeValue("#a,b+c=d;e<f>g\"h\\i "));
        Assert.Equal("\\ lead", DistinguishedName.EscapeValue(" lead"));
        Assert.Equal("nul\\00", DistinguishedName.EscapeValue("nul\0"));
    }

    [Fact]
    public void Parent_EscapedComma_IsNotASeparator()
    {
        Assert.Equal("OU=Sales,DC=demo,DC=example", DistinguishedName.Parent("CN=Comma\\, User,OU=Sales,DC=demo,DC=example"));
        Assert.Equal("Comma, User", DistinguishedName.FirstValue("CN=Comma\\, User,OU=Sales,DC=demo,DC=example"));
    }
}
