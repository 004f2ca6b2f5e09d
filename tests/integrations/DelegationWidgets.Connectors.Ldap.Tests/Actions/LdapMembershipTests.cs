using DelegationWidgets.Connectors.Ldap.Tests.Samba;

namespace DelegationWidgets.Connectors.Ldap.Tests.Actions;

[Collection(SambaFixtureGroup.Name)]
public sealed class LdapMembershipTests(SambaDomainController dc)
{
    private Task<ActionResult> ApplyAsync(DirectoryAction action) => dc.Connector.ExecuteAsync(action, ActionMode.Apply, CancellationToken.None);

    private async Task<bool> IsMemberAsync(string groupId, string userId)
    {
        var group = await dc.ReadAsync($"(sAMAccountName={groupId})", "member");
        var userDn = await dc.DnOfAsync(userId);
        return group!.Attributes.Contains("member")
            && group.Attributes["member"].GetValues(typeof(string)).Cast<string>().Contains(userDn, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AddThenRemoveGroupMember_WritesMemberAndRepeatsAreNoChange()
    {
        var preview = await dc.Connector.ExecuteAsync(new AddGroupMember("emma.employee", "sales-leads"), ActionMode.Preview, CancellationToken.None);
        Assert.False(await IsMemberAsync("sales-leads", "emma.employee"));

        var added = await ApplyAsync(new AddGroupMember("emma.employee", "sales-leads"));
        var addedAgain = await ApplyAsync(new AddGroupMember("emma.employee", "sales-leads"));
        Assert.True(await IsMemberAsync("sales-leads", "emma.employee"));

        var removed = await ApplyAsync(new RemoveGroupMember("emma.employee", "sales-leads"));
        var removedAgain = await ApplyAsync(new RemoveGroupMember("emma.employee", "sales-leads"));

        Assert.Equal(ActionOutcome.Changed, preview.Outcome);
        Assert.Equal(ActionOutcome.Changed, added.Outcome);
        Assert.Equal([new AttributeChange("sales-leads", DirectoryAttributes.Members, null, "emma.employee")], added.Changes);
        Assert.Equal(ActionOutcome.NoChange, addedAgain.Outcome);
        Assert.Equal(ActionOutcome.Changed, removed.Outcome);
        Assert.Equal([new AttributeChange("sales-leads", DirectoryAttributes.Members, "emma.employee", null)], removed.Changes);
        Assert.Equal(ActionOutcome.NoChange, removedAgain.Outcome);
        Assert.False(await IsMemberAsync("sales-leads", "emma.employee"));
    }

    [Fact]
    public async Task AddGroupMember_UnknownGroupOrRightGroup_NotFoundOnGroupId()
    {
        var unknown = await ApplyAsync(new AddGroupMember("emma.employee", "no-such-group"));
        var rightGroup = await ApplyAsync(new AddGroupMember("sam.seller", "sales-shared-FullAccess"));

        Assert.Equal(ActionErrorCode.NotFound, unknown.Error?.Code);
        Assert.Equal("groupId", unknown.Error?.Parameter);
        Assert.Equal(ActionErrorCode.NotFound, rightGroup.Error?.Code);
        Assert.False(await IsMemberAsync("sales-shared-FullAccess", "sam.seller"));
    }

    [Fact]
    public async Task GrantThenRevokeMailboxAccess_ChangesTheRightGroup()
    {
        var granted = await ApplyAsync(new GrantMailboxAccess("sam.seller", "sales-shared", MailboxRight.SendAs));
        var grantedAgain = await ApplyAsync(new GrantMailboxAccess("sam.seller", "sales-shared", MailboxRight.SendAs));
        var inGroup = await IsMemberAsync("sales-shared-SendAs", "sam.seller");
        var revoked = await ApplyAsync(new RevokeMailboxAccess("sam.seller", "sales-shared", MailboxRight.SendAs));
        var revokedAgain = await ApplyAsync(new RevokeMailboxAccess("sam.seller", "sales-shared", MailboxRight.SendAs));

        Assert.Equal(ActionOutcome.Changed, granted.Outcome);
        Assert.Equal([new AttributeChange("sales-shared", DirectoryAttributes.MailboxPermission, null, "sam.seller:SendAs")], granted.Changes);
        Assert.Equal(ActionOutcome.NoChange, grantedAgain.Outcome);
        Assert.True(inGroup);
        Assert.Equal(ActionOutcome.Changed, revoked.Outcome);
        Assert.Equal(ActionOutcome.NoChange, revokedAgain.Outcome);
        Assert.False(await IsMemberAsync("sales-shared-SendAs", "sam.seller"));
    }

    [Fact]
    public async Task GrantMailboxAccess_UnknownMailbox_NotFoundOnMailboxId()
    {
        var result = await ApplyAsync(new GrantMailboxAccess("sam.seller", "sales-team", MailboxRight.FullAccess));

        Assert.Equal(ActionErrorCode.NotFound, result.Error?.Code);
        Assert.Equal("mailboxId", result.Error?.Parameter);
    }

    [Fact]
    public async Task ServiceAccountWithoutRights_ResetAndAddMember_InsufficientRights()
    {
        var readOnly = dc.CreateConnector(o =>
        {
            o.BindDn = $"CN=Read Only Service,CN=Users,{SambaDomainController.BaseDn}";
            o.BindPassword = SambaDomainController.ReadOnlyPassword;
        });

        var reset = await readOnly.ExecuteAsync(new ResetPassword("harry.hr", readOnly.GeneratePassword(), false), ActionMode.Apply, CancellationToken.None);
        var add = await readOnly.ExecuteAsync(new AddGroupMember("harry.hr", "vpn-users"), ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionErrorCode.InsufficientRights, reset.Error?.Code);
        Assert.Equal(ActionErrorCode.InsufficientRights, add.Error?.Code);
        Assert.Contains("service account", add.Error?.Message, StringComparison.Ordinal);
        Assert.False(await IsMemberAsync("vpn-users", "harry.hr"));
    }
}
