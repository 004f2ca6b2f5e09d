using DelegationWidgets.Connectors.BuiltIn.Storage;

namespace DelegationWidgets.Connectors.BuiltIn;

// Group memberships and mailbox permissions.
internal sealed partial class BuiltInDirectoryConnector
{
    private static async Task<ActionResult> AddGroupMemberAsync(DirectoryDbContext db, AddGroupMember action, CancellationToken cancellationToken)
    {
        var (user, group, failure) = await UserAndTargetAsync(db, action.UserId, DirectoryObjectKind.Group, action.GroupId, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var existing = await db.GroupMembers.FindAsync([group!.Id, user!.Id], cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return ActionResult.NoChange([new AttributeChange(group.Id, DirectoryAttributes.Members, user.Id, user.Id)]);
        }

        db.GroupMembers.Add(new GroupMembership { GroupId = group.Id, UserId = user.Id });
        return ActionResult.Changed([new AttributeChange(group.Id, DirectoryAttributes.Members, null, user.Id)]);
    }

    private static async Task<ActionResult> RemoveGroupMemberAsync(DirectoryDbContext db, RemoveGroupMember action, CancellationToken cancellationToken)
    {
        var (user, group, failure) = await UserAndTargetAsync(db, action.UserId, DirectoryObjectKind.Group, action.GroupId, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var existing = await db.GroupMembers.FindAsync([group!.Id, user!.Id], cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return ActionResult.NoChange([new AttributeChange(group.Id, DirectoryAttributes.Members, null, null)]);
        }

        db.GroupMembers.Remove(existing);
        return ActionResult.Changed([new AttributeChange(group.Id, DirectoryAttributes.Members, user.Id, null)]);
    }

    private static async Task<ActionResult> GrantMailboxAccessAsync(DirectoryDbContext db, GrantMailboxAccess action, CancellationToken cancellationToken)
    {
        var (user, mailbox, failure) = await UserAndTargetAsync(db, action.UserId, DirectoryObjectKind.Mailbox, action.MailboxId, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var value = PermissionValue(user!.Id, action.Permission);
        var existing = await db.MailboxPermissions.FindAsync([mailbox!.Id, user.Id, action.Permission], cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return ActionResult.NoChange([new AttributeChange(mailbox.Id, DirectoryAttributes.MailboxPermission, value, value)]);
        }

        db.MailboxPermissions.Add(new MailboxPermission { MailboxId = mailbox.Id, UserId = user.Id, Right = action.Permission });
        return ActionResult.Changed([new AttributeChange(mailbox.Id, DirectoryAttributes.MailboxPermission, null, value)]);
    }

    private static async Task<ActionResult> RevokeMailboxAccessAsync(DirectoryDbContext db, RevokeMailboxAccess action, CancellationToken cancellationToken)
    {
        var (user, mailbox, failure) = await UserAndTargetAsync(db, action.UserId, DirectoryObjectKind.Mailbox, action.MailboxId, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var value = PermissionValue(user!.Id, action.Permission);
        var existing = await db.MailboxPermissions.FindAsync([mailbox!.Id, user.Id, action.Permission], cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return ActionResult.NoChange([new AttributeChange(mailbox.Id, DirectoryAttributes.MailboxPermission, null, null)]);
        }

        db.MailboxPermissions.Remove(existing);
        return ActionResult.Changed([new AttributeChange(mailbox.Id, DirectoryAttributes.MailboxPermission, value, null)]);
    }

    /// <summary>How a mailbox permission reads in before/after values: <c>user:Right</c>.</summary>
    private static string PermissionValue(string userId, MailboxRight right) => $"{userId}:{right}";

    private static async Task<(DirectoryEntry? User, DirectoryEntry? Target, ActionResult? Failure)> UserAndTargetAsync(
        DirectoryDbContext db,
        string userId,
        DirectoryObjectKind targetKind,
        string targetId,
        CancellationToken cancellationToken)
    {
        var user = await FindEntryAsync(db, DirectoryObjectKind.User, userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return (null, null, NotFound("user", userId, UserIdParameter));
        }

        var target = await FindEntryAsync(db, targetKind, targetId, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            return targetKind == DirectoryObjectKind.Group
                ? (user, null, NotFound("group", targetId, "groupId"))
                : (user, null, NotFound("mailbox", targetId, "mailboxId"));
        }

        return (user, target, null);
    }
}
