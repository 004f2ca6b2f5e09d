using System.Net.Mail;
using System.Text.RegularExpressions;
using DelegationWidgets.Connectors.BuiltIn.Passwords;
using DelegationWidgets.Connectors.BuiltIn.Seeding;
using DelegationWidgets.Connectors.BuiltIn.Storage;
using Microsoft.EntityFrameworkCore;

namespace DelegationWidgets.Connectors.BuiltIn;

// Actions on one account: password, delete, contact details.
internal sealed partial class BuiltInDirectoryConnector
{
    private static readonly string ExternalOrganizationalUnit = DirectoryNames.OrganizationalUnitOf(DirectoryNames.External);

    private static async Task<ActionResult> ResetPasswordAsync(DirectoryDbContext db, ResetPassword action, CancellationToken cancellationToken)
    {
        var user = await FindEntryAsync(db, DirectoryObjectKind.User, action.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return NotFound("user", action.UserId, UserIdParameter);
        }

        if (PasswordPolicy.Check(action.NewPassword ?? "", user.Id, user.Surname) is { } violation)
        {
            return ActionResult.Failed(ActionErrorCode.PolicyViolation, violation, "newPassword");
        }

        AttributeChange[] changes =
        [
            new(user.Id, DirectoryAttributes.Password, null, null, Secret: true),
            new(user.Id, DirectoryAttributes.MustChangePassword, Flag(user.MustChangePassword), Flag(action.MustChangeAtNextLogon)),
        ];
        if (user.MustChangePassword == action.MustChangeAtNextLogon && PasswordHash.Verify(action.NewPassword!, user.PasswordHash))
        {
            return ActionResult.NoChange(changes);
        }

        user.PasswordHash = PasswordHash.Create(action.NewPassword!);
        user.MustChangePassword = action.MustChangeAtNextLogon;
        return ActionResult.Changed(changes);
    }

    private async Task<ActionResult> DeleteAccountAsync(DirectoryDbContext db, DeleteAccount action, CancellationToken cancellationToken)
    {
        var user = await FindEntryAsync(db, DirectoryObjectKind.User, action.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            // Deleted before (e.g. the host re-runs the change after a crash): the effect is already there.
            var key = action.UserId?.ToLowerInvariant();
            var deleted = await db.DeletedEntries.AnyAsync(d => d.Id == key && d.Kind == DirectoryObjectKind.User, cancellationToken).ConfigureAwait(false);
            return deleted
                ? ActionResult.NoChange([new AttributeChange(key!, DirectoryAttributes.Exists, Flag(false), Flag(false))])
                : NotFound("user", action.UserId, UserIdParameter);
        }

        if (!TargetScope.IsWithinOrganizationalUnit(user.OrganizationalUnit, ExternalOrganizationalUnit))
        {
            return ActionResult.Failed(
                ActionErrorCode.NotAllowed,
                $"Only accounts in {ExternalOrganizationalUnit} may be deleted; '{user.Id}' is in {user.OrganizationalUnit}. Disable it instead.",
                UserIdParameter);
        }

        var memberships = await db.GroupMembers.Where(m => m.UserId == user.Id).OrderBy(m => m.GroupId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var permissions = await db.MailboxPermissions.Where(p => p.UserId == user.Id).OrderBy(p => p.MailboxId).ThenBy(p => p.Right).ToListAsync(cancellationToken).ConfigureAwait(false);
        List<AttributeChange> changes = [new(user.Id, DirectoryAttributes.Exists, Flag(true), Flag(false))];
        changes.AddRange(memberships.Select(m => new AttributeChange(m.GroupId, DirectoryAttributes.Members, user.Id, null)));
        changes.AddRange(permissions.Select(p => new AttributeChange(p.MailboxId, DirectoryAttributes.MailboxPermission, PermissionValue(user.Id, p.Right), null)));

        db.GroupMembers.RemoveRange(memberships);
        db.MailboxPermissions.RemoveRange(permissions);
        db.Entries.Remove(user);
        db.DeletedEntries.Add(new DeletedEntry { Id = user.Id, Kind = user.Kind, DeletedAt = timeProvider.GetUtcNow() });
        return ActionResult.Changed(changes);
    }

    private static async Task<ActionResult> UpdateContactDetailsAsync(DirectoryDbContext db, UpdateContactDetails action, CancellationToken cancellationToken)
    {
        var user = await FindEntryAsync(db, DirectoryObjectKind.User, action.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return NotFound("user", action.UserId, UserIdParameter);
        }

        var changes = new List<AttributeChange>();
        if (action.Mail is not null)
        {
            // An empty value clears the attribute.
            var mail = action.Mail.Trim() is { Length: > 0 } trimmed ? trimmed : null;
            if (mail is not null && !IsMailAddress(mail))
            {
                return ActionResult.Failed(ActionErrorCode.PolicyViolation, $"'{mail}' is not a valid e-mail address (name@domain).", "mail");
            }

            var mailKey = DirectoryEntry.Normalize(mail);
            var holder = mailKey is null ? null : await db.Entries.AsNoTracking()
                .Where(e => e.MailNorm == mailKey && e.Id != user.Id).Select(e => e.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (holder is not null)
            {
                return ActionResult.Failed(ActionErrorCode.AlreadyExists, $"The e-mail address '{mail}' already belongs to '{holder}'.", "mail");
            }

            changes.Add(new AttributeChange(user.Id, DirectoryAttributes.Mail, user.Mail, mail));
            user.SetMail(mail);
        }

        if (action.Phone is not null)
        {
            var phone = action.Phone.Trim() is { Length: > 0 } trimmed ? trimmed : null;
            if (phone is not null && !PhonePattern().IsMatch(phone))
            {
                return ActionResult.Failed(ActionErrorCode.PolicyViolation, $"'{phone}' is not a valid phone number (digits, spaces, + - ( ) only, e.g. +31 20 123 4567).", "phone");
            }

            changes.Add(new AttributeChange(user.Id, DirectoryAttributes.Phone, user.Phone, phone));
            user.Phone = phone;
        }

        return Result(changes);
    }

    private static bool IsMailAddress(string value) =>
        !value.Any(char.IsWhiteSpace)
        && MailAddress.TryCreate(value, out var address)
        && address.Address == value
        && address.Host.Contains('.', StringComparison.Ordinal);

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{5,24}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
