using System.DirectoryServices.Protocols;
using DelegationWidgets.Connectors.Ldap.Lookups;

namespace DelegationWidgets.Connectors.Ldap;

// Group memberships and mailbox rights (membership of the mailbox's right group, see LdapSchema). Whether the user is a
// member is asked with an LDAP compare on the group's member attribute, so large groups are never read.
internal sealed partial class LdapDirectoryConnector
{
    private async Task<ActionResult> ChangeMembershipAsync(
        string userId, DirectoryObjectKind targetKind, string targetId, MailboxRight? right, bool add, bool apply, CancellationToken cancellationToken)
    {
        var user = await FindEntryAsync(DirectoryObjectKind.User, userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return NotFound("user", userId, UserIdParameter);
        }

        var target = await FindEntryAsync(targetKind, targetId, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            return targetKind == DirectoryObjectKind.Group ? NotFound("group", targetId, "groupId") : NotFound("mailbox", targetId, "mailboxId");
        }

        string groupDn;
        string attribute;
        string value;
        if (right is { } mailboxRight)
        {
            var rightGroupId = LdapSchema.RightGroupId(target.AccountName, mailboxRight);
            var filter = Filters.LdapFilter.And("(objectClass=group)", Filters.LdapFilter.Equal(LdapSchema.AccountName, rightGroupId));
            var rightGroups = await SearchEntriesAsync(_options.BaseDn, filter, SearchScope.Subtree, [LdapSchema.AccountName], 2, cancellationToken).ConfigureAwait(false);
            if (rightGroups.Count != 1)
            {
                return ActionResult.Failed(
                    ActionErrorCode.NotFound,
                    $"The mailbox '{target.AccountName}' has no {mailboxRight} right group '{rightGroupId}' in the directory; an administrator has to create it.",
                    "permission");
            }

            groupDn = rightGroups[0].Dn;
            attribute = DirectoryAttributes.MailboxPermission;
            value = $"{user.AccountName}:{mailboxRight}";
        }
        else
        {
            groupDn = target.Dn;
            attribute = DirectoryAttributes.Members;
            value = user.AccountName;
        }

        var isMember = await IsMemberAsync(groupDn, user.Dn, cancellationToken).ConfigureAwait(false);
        if (isMember == add)
        {
            return ActionResult.NoChange([new AttributeChange(target.AccountName, attribute, add ? value : null, add ? value : null)]);
        }

        var changes = new[] { new AttributeChange(target.AccountName, attribute, add ? null : value, add ? value : null) };
        if (!apply)
        {
            return ActionResult.Changed(changes);
        }

        var modification = new DirectoryAttributeModification
        {
            Name = LdapSchema.Member,
            Operation = add ? DirectoryAttributeOperation.Add : DirectoryAttributeOperation.Delete,
        };
        modification.Add(user.Dn);
        try
        {
            await ModifyAsync(groupDn, cancellationToken, modification).ConfigureAwait(false);
        }
        catch (DirectoryOperationException e) when (e.Response?.ResultCode is ResultCode.AttributeOrValueExists or ResultCode.EntryAlreadyExists or ResultCode.NoSuchAttribute)
        {
            // Someone else made the same change between the compare and the modify.
            return ActionResult.NoChange([new AttributeChange(target.AccountName, attribute, add ? value : null, add ? value : null)]);
        }
        catch (DirectoryOperationException e) when (LdapErrors.ToResult(e, $"the members of '{target.AccountName}'", targetKind == DirectoryObjectKind.Group ? "groupId" : "mailboxId") is { } failure)
        {
            return failure;
        }

        return ActionResult.Changed(changes);
    }

    /// <summary>Whether <paramref name="memberDn"/> is a direct member of the group (LDAP compare on <c>member</c>).</summary>
    private async Task<bool> IsMemberAsync(string groupDn, string memberDn, CancellationToken cancellationToken)
    {
        var response = await gateway.SendAsync<CompareResponse>(new CompareRequest(groupDn, LdapSchema.Member, memberDn), cancellationToken).ConfigureAwait(false);
        return response.ResultCode == ResultCode.CompareTrue;
    }
}
