using DelegationWidgets.Connectors.BuiltIn.Passwords;
using DelegationWidgets.Connectors.BuiltIn.Seeding;
using DelegationWidgets.Connectors.BuiltIn.Storage;
using Microsoft.EntityFrameworkCore;

namespace DelegationWidgets.Connectors.BuiltIn;

// createAccount: a new enabled account <given>.<surname> (digits added when taken) in an existing OU.
internal sealed partial class BuiltInDirectoryConnector
{
    private async Task<ActionResult> CreateAccountAsync(DirectoryDbContext db, CreateAccount action, CancellationToken cancellationToken)
    {
        var givenName = action.GivenName?.Trim() ?? "";
        var surname = action.Surname?.Trim() ?? "";
        if (DirectoryNames.Slug(givenName).Length == 0)
        {
            return ActionResult.Failed(ActionErrorCode.PolicyViolation, "The given name must contain at least one letter or digit.", "givenName");
        }

        if (DirectoryNames.Slug(surname).Length == 0)
        {
            return ActionResult.Failed(ActionErrorCode.PolicyViolation, "The surname must contain at least one letter or digit.", "surname");
        }

        var ou = await FindEntryAsync(db, DirectoryObjectKind.OrganizationalUnit, action.OrganizationalUnit, cancellationToken).ConfigureAwait(false);
        if (ou is null)
        {
            return NotFound("organizational unit", action.OrganizationalUnit, "organizationalUnit");
        }

        var manager = await FindEntryAsync(db, DirectoryObjectKind.User, action.ManagerId, cancellationToken).ConfigureAwait(false);
        if (manager is null)
        {
            return NotFound("user", action.ManagerId, "managerId");
        }

        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        if (action.ExpiresOn < today)
        {
            return ActionResult.Failed(ActionErrorCode.PolicyViolation, $"The expiry date {Date(action.ExpiresOn)} lies in the past.", "expiresOn");
        }

        var department = string.IsNullOrWhiteSpace(action.Department) ? ou.DisplayName : action.Department.Trim();
        var initialPassword = action.InitialPassword ?? "";

        // Created before (the host re-runs a change after a crash): the same person in the same place whose
        // password is this change's initial password. Random initial passwords make this unambiguous.
        var ouKey = ou.IdNorm;
        var expiresOn = action.ExpiresOn;
        var candidates = await db.Entries.AsNoTracking()
            .Where(e => e.Kind == DirectoryObjectKind.User && e.GivenName == givenName && e.Surname == surname
                && e.OrganizationalUnitNorm == ouKey && e.ManagerId == manager.Id && e.AccountExpires == expiresOn)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (candidates.FirstOrDefault(c => PasswordHash.Verify(initialPassword, c.PasswordHash)) is { } existing)
        {
            return new ActionResult(ActionOutcome.NoChange, CreationChanges(existing, existing), null, existing.Id);
        }

        var accountBase = DirectoryNames.AccountBase(givenName, surname)!;
        var taken = await TakenNamesAsync(db, accountBase, cancellationToken).ConfigureAwait(false);
        var id = DirectoryNames.FirstFree(accountBase, candidate => taken.Contains(candidate) || taken.Contains(DirectoryNames.MailOf(candidate)));

        if (PasswordPolicy.Check(initialPassword, id, surname) is { } violation)
        {
            return ActionResult.Failed(ActionErrorCode.PolicyViolation, violation, "initialPassword");
        }

        var displayName = $"{givenName} {surname}";
        var user = new DirectoryEntry
        {
            Id = id,
            IdNorm = id,
            Kind = DirectoryObjectKind.User,
            DisplayName = displayName,
            DisplayNameNorm = displayName.ToLowerInvariant(),
            OrganizationalUnit = ou.Id,
            OrganizationalUnitNorm = ou.IdNorm,
            Department = department,
            DepartmentNorm = department.ToLowerInvariant(),
            ManagerId = manager.Id,
            GivenName = givenName,
            GivenNameNorm = givenName.ToLowerInvariant(),
            Surname = surname,
            SurnameNorm = surname.ToLowerInvariant(),
            Enabled = true,
            AccountExpires = action.ExpiresOn,
            PasswordHash = PasswordHash.Create(initialPassword),
            MustChangePassword = true,
        };
        user.SetMail(DirectoryNames.MailOf(id));
        db.Entries.Add(user);
        return ActionResult.Changed(CreationChanges(null, user), id);
    }

    /// <summary>Ids (live and deleted) and mail addresses that start with the account base, lower-cased.</summary>
    private static async Task<HashSet<string>> TakenNamesAsync(DirectoryDbContext db, string accountBase, CancellationToken cancellationToken)
    {
        var to = accountBase + char.ConvertFromUtf32(0x10FFFF);
        var ids = await db.Entries.AsNoTracking()
            .Where(e => e.IdNorm.CompareTo(accountBase) >= 0 && e.IdNorm.CompareTo(to) < 0)
            .Select(e => e.IdNorm).ToListAsync(cancellationToken).ConfigureAwait(false);
        var mails = await db.Entries.AsNoTracking()
            .Where(e => e.MailNorm!.CompareTo(accountBase) >= 0 && e.MailNorm.CompareTo(to) < 0)
            .Select(e => e.MailNorm!).ToListAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await db.DeletedEntries.AsNoTracking()
            .Where(d => d.Id.CompareTo(accountBase) >= 0 && d.Id.CompareTo(to) < 0)
            .Select(d => d.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. ids, .. mails, .. deleted];
    }

    /// <summary>The attributes a new account gets; <paramref name="before"/> is null for a new account.</summary>
    private static List<AttributeChange> CreationChanges(DirectoryEntry? before, DirectoryEntry after)
    {
        var id = after.Id;
        return
        [
            new(id, DirectoryAttributes.Exists, before is null ? null : Flag(true), Flag(true)),
            new(id, DirectoryAttributes.GivenName, before?.GivenName, after.GivenName),
            new(id, DirectoryAttributes.Surname, before?.Surname, after.Surname),
            new(id, DirectoryAttributes.Mail, before?.Mail, after.Mail),
            new(id, DirectoryAttributes.Department, before?.Department, after.Department),
            new(id, DirectoryAttributes.Manager, before?.ManagerId, after.ManagerId),
            new(id, DirectoryAttributes.Enabled, before is null ? null : Flag(before.Enabled), Flag(after.Enabled)),
            new(id, DirectoryAttributes.AccountExpires, before is null ? null : Date(before.AccountExpires), Date(after.AccountExpires)),
            new(id, DirectoryAttributes.Password, null, null, Secret: true),
            new(id, DirectoryAttributes.MustChangePassword, before is null ? null : Flag(before.MustChangePassword), Flag(after.MustChangePassword)),
        ];
    }
}
