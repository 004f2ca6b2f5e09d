using DelegationWidgets.Connectors.BuiltIn.Storage;
using Microsoft.EntityFrameworkCore;

namespace DelegationWidgets.Connectors.BuiltIn;

// ExecuteAsync: one handler per action record. A handler reads what it needs with change tracking, returns the
// result and makes its changes on the tracked entities; Apply saves them in the action's transaction, Preview
// throws the context away. Both modes therefore compute the identical result.
internal sealed partial class BuiltInDirectoryConnector
{
    private const string UserIdParameter = "userId";

    public async Task<ActionResult> ExecuteAsync(DirectoryAction action, ActionMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var apply = mode == ActionMode.Apply;
        if (apply)
        {
            await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            // Microsoft.Data.Sqlite begins IMMEDIATE: the write lock is held from the first read, so the state
            // the handler decides on cannot change before it writes (also across processes).
            await using var transaction = apply ? await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
            var result = action switch
            {
                ResetPassword a => await ResetPasswordAsync(db, a, cancellationToken).ConfigureAwait(false),
                UnlockAccount a => await SetFlagAsync(db, a.UserId, DirectoryAttributes.Locked, u => u.Locked, (u, v) => u.Locked = v, false, cancellationToken).ConfigureAwait(false),
                DisableAccount a => await SetFlagAsync(db, a.UserId, DirectoryAttributes.Enabled, u => u.Enabled, (u, v) => u.Enabled = v, false, cancellationToken).ConfigureAwait(false),
                EnableAccount a => await SetFlagAsync(db, a.UserId, DirectoryAttributes.Enabled, u => u.Enabled, (u, v) => u.Enabled = v, true, cancellationToken).ConfigureAwait(false),
                DeleteAccount a => await DeleteAccountAsync(db, a, cancellationToken).ConfigureAwait(false),
                CreateAccount a => await CreateAccountAsync(db, a, cancellationToken).ConfigureAwait(false),
                AddGroupMember a => await AddGroupMemberAsync(db, a, cancellationToken).ConfigureAwait(false),
                RemoveGroupMember a => await RemoveGroupMemberAsync(db, a, cancellationToken).ConfigureAwait(false),
                GrantMailboxAccess a => await GrantMailboxAccessAsync(db, a, cancellationToken).ConfigureAwait(false),
                RevokeMailboxAccess a => await RevokeMailboxAccessAsync(db, a, cancellationToken).ConfigureAwait(false),
                UpdateContactDetails a => await UpdateContactDetailsAsync(db, a, cancellationToken).ConfigureAwait(false),
                _ => ActionResult.Failed(ActionErrorCode.NotAllowed, $"The built-in directory does not support the action '{action.Name}'."),
            };

            if (transaction is not null && result.Outcome == ActionOutcome.Changed)
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return result;
        }
        finally
        {
            if (apply)
            {
                _writeGate.Release();
            }
        }
    }

    private static Task<DirectoryEntry?> FindEntryAsync(DirectoryDbContext db, DirectoryObjectKind kind, string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return Task.FromResult<DirectoryEntry?>(null);
        }

        return FindTracked(db, id.ToLowerInvariant(), kind);
    }

    // Compiled once: these run several times for every change, and EF then skips translating the expression each time.
    private static readonly Func<DirectoryDbContext, string, DirectoryObjectKind, Task<DirectoryEntry?>> FindTracked =
        EF.CompileAsyncQuery((DirectoryDbContext db, string key, DirectoryObjectKind kind) => db.Entries.SingleOrDefault(e => e.IdNorm == key && e.Kind == kind));

    private static readonly Func<DirectoryDbContext, string, DirectoryObjectKind, Task<DirectoryEntry?>> FindUntracked =
        EF.CompileAsyncQuery((DirectoryDbContext db, string key, DirectoryObjectKind kind) => db.Entries.AsNoTracking().SingleOrDefault(e => e.IdNorm == key && e.Kind == kind));

    // Synchronous: Microsoft.Data.Sqlite runs its async calls synchronously anyway.
    private static readonly Func<DirectoryDbContext, string, IEnumerable<string>> GroupsOf =
        EF.CompileQuery((DirectoryDbContext db, string userId) => db.GroupMembers.Where(m => m.UserId == userId).OrderBy(m => m.GroupId).Select(m => m.GroupId));

    private static ActionResult NotFound(string what, string? id, string parameter) =>
        ActionResult.Failed(ActionErrorCode.NotFound, $"No {what} '{id}'.", parameter);

    private static ActionResult Result(IReadOnlyList<AttributeChange> changes, string? createdObjectId = null) =>
        changes.All(c => !c.Secret && c.Before == c.After)
            ? new ActionResult(ActionOutcome.NoChange, changes, null, createdObjectId)
            : ActionResult.Changed(changes, createdObjectId);

    private static async Task<ActionResult> SetFlagAsync(
        DirectoryDbContext db,
        string userId,
        string attribute,
        Func<DirectoryEntry, bool> get,
        Action<DirectoryEntry, bool> set,
        bool value,
        CancellationToken cancellationToken)
    {
        var user = await FindEntryAsync(db, DirectoryObjectKind.User, userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return NotFound("user", userId, UserIdParameter);
        }

        var before = get(user);
        set(user, value);
        return Result([new AttributeChange(user.Id, attribute, Flag(before), Flag(value))]);
    }
}
