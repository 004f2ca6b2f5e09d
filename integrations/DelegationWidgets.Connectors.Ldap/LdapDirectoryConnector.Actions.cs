using System.DirectoryServices.Protocols;
using DelegationWidgets.Connectors.Ldap.Connection;
using DelegationWidgets.Connectors.Ldap.Lookups;

namespace DelegationWidgets.Connectors.Ldap;

// ExecuteAsync: one handler per action record. A handler reads the object's current state from the DC, computes the
// before/after and, in Apply mode only, sends the one modify/add/delete that makes the change. A repeat finds the effect
// already there and returns NoChange. The DC's refusals become ActionResult values (LdapErrors); an unreachable DC becomes
// Unavailable, with nothing changed by this call and the change safe to retry.
internal sealed partial class LdapDirectoryConnector
{
    private const string UserIdParameter = "userId";

    public async Task<ActionResult> ExecuteAsync(DirectoryAction action, ActionMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var apply = mode == ActionMode.Apply;
        try
        {
            var result = action switch
            {
                ResetPassword a => await ResetPasswordAsync(a, apply, cancellationToken).ConfigureAwait(false),
                UnlockAccount a => await UnlockAsync(a, apply, cancellationToken).ConfigureAwait(false),
                DisableAccount a => await SetEnabledAsync(a.UserId, false, apply, cancellationToken).ConfigureAwait(false),
                EnableAccount a => await SetEnabledAsync(a.UserId, true, apply, cancellationToken).ConfigureAwait(false),
                SetAccountExpiry a => await SetAccountExpiryAsync(a, apply, cancellationToken).ConfigureAwait(false),
                DeleteAccount a => await DeleteAccountAsync(a, apply, cancellationToken).ConfigureAwait(false),
                CreateAccount a => await CreateAccountAsync(a, apply, cancellationToken).ConfigureAwait(false),
                AddGroupMember a => await ChangeMembershipAsync(a.UserId, DirectoryObjectKind.Group, a.GroupId, null, add: true, apply, cancellationToken).ConfigureAwait(false),
                RemoveGroupMember a => await ChangeMembershipAsync(a.UserId, DirectoryObjectKind.Group, a.GroupId, null, add: false, apply, cancellationToken).ConfigureAwait(false),
                GrantMailboxAccess a => await ChangeMembershipAsync(a.UserId, DirectoryObjectKind.Mailbox, a.MailboxId, a.Permission, add: true, apply, cancellationToken).ConfigureAwait(false),
                RevokeMailboxAccess a => await ChangeMembershipAsync(a.UserId, DirectoryObjectKind.Mailbox, a.MailboxId, a.Permission, add: false, apply, cancellationToken).ConfigureAwait(false),
                UpdateContactDetails a => await UpdateContactDetailsAsync(a, apply, cancellationToken).ConfigureAwait(false),
                _ => ActionResult.Failed(ActionErrorCode.NotAllowed, $"The Active Directory connector does not support the action '{action.Name}'."),
            };
            if (apply && result.Outcome == ActionOutcome.Changed)
            {
                _replica?.Invalidate();
            }

            return result;
        }
        catch (LdapUnavailableException e)
        {
            return ActionResult.Failed(
                ActionErrorCode.Unavailable,
                $"{e.Message} The change was not confirmed by the directory; it can be retried.");
        }
        catch (DirectoryOperationException e) when (LdapErrors.ToResult(e, "this object", null) is { } result)
        {
            return result;
        }
    }

    private static ActionResult NotFound(string what, string? id, string parameter) =>
        ActionResult.Failed(ActionErrorCode.NotFound, $"No {what} '{id}' in the directory.", parameter);

    private static ActionResult Result(IReadOnlyList<AttributeChange> changes, string? createdObjectId = null) =>
        changes.All(c => !c.Secret && c.Before == c.After)
            ? new ActionResult(ActionOutcome.NoChange, changes, null, createdObjectId)
            : ActionResult.Changed(changes, createdObjectId);

    private Task<ModifyResponse> ModifyAsync(string dn, CancellationToken cancellationToken, params DirectoryAttributeModification[] modifications)
    {
        var request = new ModifyRequest(dn, modifications);
        return gateway.SendAsync<ModifyResponse>(request, cancellationToken);
    }

    private static DirectoryAttributeModification Replace(string attribute, params object[] values)
    {
        var modification = new DirectoryAttributeModification { Name = attribute, Operation = DirectoryAttributeOperation.Replace };
        foreach (var value in values)
        {
            switch (value)
            {
                case byte[] bytes:
                    modification.Add(bytes);
                    break;
                default:
                    modification.Add(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!);
                    break;
            }
        }

        return modification;
    }

    private static DirectoryAttributeModification Clear(string attribute) =>
        new() { Name = attribute, Operation = DirectoryAttributeOperation.Delete };

    private async Task<ActionResult> SetEnabledAsync(string userId, bool enabled, bool apply, CancellationToken cancellationToken)
    {
        var user = await FindEntryAsync(DirectoryObjectKind.User, userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return NotFound("user", userId, UserIdParameter);
        }

        var control = user.GetLong(LdapSchema.UserAccountControl) ?? LdapSchema.NormalAccount;
        var before = (control & LdapSchema.AccountDisabled) == 0;
        var changes = new[] { new AttributeChange(user.AccountName, DirectoryAttributes.Enabled, LdapSchema.Flag(before), LdapSchema.Flag(enabled)) };
        if (before == enabled || !apply)
        {
            return Result(changes);
        }

        var updated = enabled ? control & ~LdapSchema.AccountDisabled : control | LdapSchema.AccountDisabled;
        try
        {
            await ModifyAsync(user.Dn, cancellationToken, Replace(LdapSchema.UserAccountControl, updated)).ConfigureAwait(false);
        }
        catch (DirectoryOperationException e) when (LdapErrors.ToResult(e, $"the account '{user.AccountName}'", UserIdParameter) is { } failure)
        {
            return failure;
        }

        return Result(changes);
    }

    private async Task<ActionResult> UnlockAsync(UnlockAccount action, bool apply, CancellationToken cancellationToken)
    {
        var user = await FindEntryAsync(DirectoryObjectKind.User, action.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return NotFound("user", action.UserId, UserIdParameter);
        }

        // Locked now (the DC computes it from lockoutTime and the lockout duration), or a stale lockoutTime left behind.
        var locked = ((user.GetLong(LdapSchema.ComputedUserAccountControl) ?? 0) & LdapSchema.LockedOut) != 0;
        var lockoutTime = user.GetLong(LdapSchema.LockoutTime) ?? 0;
        var changes = new[] { new AttributeChange(user.AccountName, DirectoryAttributes.Locked, LdapSchema.Flag(locked), LdapSchema.Flag(false)) };
        if (lockoutTime == 0 || !apply)
        {
            return Result(changes);
        }

        try
        {
            await ModifyAsync(user.Dn, cancellationToken, Replace(LdapSchema.LockoutTime, "0")).ConfigureAwait(false);
        }
        catch (DirectoryOperationException e) when (LdapErrors.ToResult(e, $"the account '{user.AccountName}'", UserIdParameter) is { } failure)
        {
            return failure;
        }

        return Result(changes);
    }

    private async Task<ActionResult> SetAccountExpiryAsync(SetAccountExpiry action, bool apply, CancellationToken cancellationToken)
    {
        var user = await FindEntryAsync(DirectoryObjectKind.User, action.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return NotFound("user", action.UserId, UserIdParameter);
        }

        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        if (action.ExpiresOn is { } date && date < today)
        {
            return ActionResult.Failed(ActionErrorCode.PolicyViolation, $"The expiry date {LdapSchema.Date(date)} lies in the past.", "expiresOn");
        }

        var before = LdapSchema.FromAccountExpires(user.GetLong(LdapSchema.AccountExpires));
        var changes = new[] { new AttributeChange(user.AccountName, DirectoryAttributes.AccountExpires, LdapSchema.Date(before), LdapSchema.Date(action.ExpiresOn)) };
        if (before == action.ExpiresOn || !apply)
        {
            return Result(changes);
        }

        var value = action.ExpiresOn is { } expires ? LdapSchema.ToAccountExpires(expires) : 0L;
        try
        {
            await ModifyAsync(user.Dn, cancellationToken, Replace(LdapSchema.AccountExpires, value)).ConfigureAwait(false);
        }
        catch (DirectoryOperationException e) when (LdapErrors.ToResult(e, $"the account '{user.AccountName}'", UserIdParameter) is { } failure)
        {
            return failure;
        }

        return Result(changes);
    }
}

/// <summary>
/// Sets (or with null clears) the last day an account works (<c>accountExpires</c>). Not yet in the shared abstractions:
/// move it there (and into the host's action factory as <c>setAccountExpiry</c>) to offer it on a form.
/// </summary>
internal sealed record SetAccountExpiry(string UserId, DateOnly? ExpiresOn) : DirectoryAction
{
    public override string Name => "setAccountExpiry";
}
