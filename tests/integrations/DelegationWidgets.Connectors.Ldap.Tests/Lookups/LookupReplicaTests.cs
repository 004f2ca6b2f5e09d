using System.DirectoryServices.Protocols;
using DelegationWidgets.Connectors.Ldap.Tests.Samba;
using Microsoft.Extensions.Time.Testing;

namespace DelegationWidgets.Connectors.Ldap.Tests.Lookups;

/// <summary>
/// The lookup replica follows the DC: changes others make on the DC show in the next lookup (users, display names, group
/// membership, moves), objects this connector deletes leave at once, objects deleted by others at the full reload, and a
/// refresh interval delays only what others change.
/// </summary>
[Collection(SambaFixtureGroup.Name)]
public sealed class LookupReplicaTests(SambaDomainController dc)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static TargetScope Within(string ou) => new([new ScopeRule(ScopeRuleKind.OrganizationalUnit, ou)]);

    private async Task<string> NewOuAsync(string name)
    {
        var ou = SeedDirectory.Ou(name);
        await SeedDirectory.AddAsync(dc.Admin, ou, None, ("objectClass", "organizationalUnit"), ("ou", name));
        return ou;
    }

    private Task NewUserAsync(string id, string displayName, string ou) =>
        SeedDirectory.UserAsync(dc.Admin, id, displayName, ou, "IT", null, SeedDirectory.Password, None);

    private static async Task<List<DirectoryObject>> UsersAsync(LdapDirectoryConnector connector, string ou, string? search = null) =>
        [.. (await connector.SearchAsync(new LookupQuery(DirectoryObjectKind.User, search, Within(ou), PageSize: 200), None)).Items];

    private static List<string> Ids(IEnumerable<DirectoryObject> items) => [.. items.Select(i => i.Id)];

    [Fact]
    public async Task Lookup_AfterChangesOnTheDcByOthers_ShowsThemAtOnce()
    {
        var ou = await NewOuAsync("ReplicaFollows");
        Assert.Empty(await UsersAsync(dc.Connector, ou));

        await NewUserAsync("rep.alice", "Alice Replica", ou);
        Assert.Equal(["rep.alice"], Ids(await UsersAsync(dc.Connector, ou, "alice r")));

        var rename = new DirectoryAttributeModification { Name = "displayName", Operation = DirectoryAttributeOperation.Replace };
        rename.Add("Alice Renamed");
        await dc.Admin.SendAsync<ModifyResponse>(new ModifyRequest(SeedDirectory.UserDn("rep.alice"), rename), None);
        Assert.Equal("Alice Renamed", Assert.Single(await UsersAsync(dc.Connector, ou, "alice ren")).DisplayName);

        await SeedDirectory.GroupAsync(dc.Admin, "rep-group", ou, "thomas.visser", [], None);
        var byMember = new LookupQuery(DirectoryObjectKind.Group, null, Within(ou), HasMember: "rep.alice");
        Assert.Empty((await dc.Connector.SearchAsync(byMember, None)).Items);
        await SeedDirectory.MemberAsync(dc.Admin, SeedDirectory.UserDn("rep-group"), SeedDirectory.UserDn("rep.alice"), None);
        Assert.Equal(["rep-group"], Ids((await dc.Connector.SearchAsync(byMember, None)).Items));
        Assert.Equal(["rep-group"], Assert.Single(await UsersAsync(dc.Connector, ou)).MemberOf);

        await dc.Admin.SendAsync<ModifyDNResponse>(new ModifyDNRequest(SeedDirectory.UserDn("rep.alice"), SeedDirectory.Ou("HR"), "CN=Alice Replica"), None);
        Assert.Empty(await UsersAsync(dc.Connector, ou));
        var moved = Assert.Single(await UsersAsync(dc.Connector, SeedDirectory.Ou("HR"), "rep.alice"));
        Assert.Equal(["rep-group"], moved.MemberOf);
        Assert.Equal(Ids((await dc.LiveConnector.SearchAsync(byMember with { Scope = TargetScope.Everything }, None)).Items),
            Ids((await dc.Connector.SearchAsync(byMember with { Scope = TargetScope.Everything }, None)).Items));
    }

    [Fact]
    public async Task Lookup_AfterThisConnectorDeletesAnAccount_NoLongerListsIt()
    {
        var external = SeedDirectory.Ou("External");
        await NewUserAsync("rep.gone", "Gone Soon", external);
        Assert.Single(await UsersAsync(dc.Connector, external, "rep.gone"));

        var result = await dc.Connector.ExecuteAsync(new DeleteAccount("rep.gone"), ActionMode.Apply, None);

        Assert.Equal(ActionOutcome.Changed, result.Outcome);
        Assert.Empty(await UsersAsync(dc.Connector, external, "rep.gone"));
    }

    [Fact]
    public async Task Lookup_AccountDeletedByOthers_LeavesAtTheFullReload()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var connector = dc.CreateConnector(timeProvider: time);
        var ou = await NewOuAsync("ReplicaReload");
        await NewUserAsync("rep.deleted", "Deleted Elsewhere", ou);
        Assert.Single(await UsersAsync(connector, ou));

        await dc.Admin.SendAsync<DeleteResponse>(new DeleteRequest(SeedDirectory.UserDn("rep.deleted")), None);
        time.Advance(TimeSpan.FromMinutes(15));

        Assert.Empty(await UsersAsync(connector, ou));
        Assert.Empty(await UsersAsync(dc.LiveConnector, ou));
    }

    [Fact]
    public async Task Lookup_WithRefreshInterval_WaitsForOthersChangesButNotForItsOwn()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var connector = dc.CreateConnector(o => o.LookupRefreshInterval = TimeSpan.FromMinutes(1), time);
        var ou = await NewOuAsync("ReplicaInterval");
        await NewUserAsync("rep.first", "First Interval", ou);
        Assert.Equal(["rep.first"], Ids(await UsersAsync(connector, ou)));

        await NewUserAsync("rep.second", "Second Interval", ou);
        Assert.Equal(["rep.first"], Ids(await UsersAsync(connector, ou)));

        var disabled = await connector.ExecuteAsync(new DisableAccount("rep.first"), ActionMode.Apply, None);
        Assert.Equal(ActionOutcome.Changed, disabled.Outcome);
        var afterOwnChange = await UsersAsync(connector, ou);
        Assert.Equal(["rep.first", "rep.second"], Ids(afterOwnChange));
        Assert.Equal("false", afterOwnChange[0].Attributes[DirectoryAttributes.Enabled]);

        await NewUserAsync("rep.third", "Third Interval", ou);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(["rep.first", "rep.second", "rep.third"], Ids(await UsersAsync(connector, ou)));
    }
}
