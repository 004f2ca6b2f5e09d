using System.DirectoryServices.Protocols;
using System.Globalization;
using System.Text;
using DelegationWidgets.Connectors.Ldap.Connection;
using DelegationWidgets.Connectors.Ldap.Filters;
using DelegationWidgets.Connectors.Ldap.Lookups;

namespace DelegationWidgets.Connectors.Ldap;

// createAccount: a new enabled account in an allowed OU, in one LDAP add (so a refused password leaves nothing behind):
// sAMAccountName <given>.<surname> (ASCII, at most 20 characters, digits added when taken), CN "<Given> <Surname>" escaped
// per RFC 4514, UPN and mail <id>@<mail domain> (also the primary SMTP proxy address), department, manager, accountExpires,
// the initial password and pwdLastSet=0 (must change at first logon).
internal sealed partial class LdapDirectoryConnector
{
    private const int MaximumAccountNameLength = 20;

    private async Task<ActionResult> CreateAccountAsync(CreateAccount action, bool apply, CancellationToken cancellationToken)
    {
        var givenName = action.GivenName?.Trim() ?? "";
        var surname = action.Surname?.Trim() ?? "";
        if (Slug(givenName).Length == 0)
        {
            return ActionResult.Failed(ActionErrorCode.PolicyViolation, "The given name must contain at least one letter or digit.", "givenName");
        }

        if (Slug(surname).Length == 0)
        {
            return ActionResult.Failed(ActionErrorCode.PolicyViolation, "The surname must contain at least one letter or digit.", "surname");
        }

        if (!_options.EffectiveAccountOrganizationalUnits.Any(allowed => DistinguishedName.IsWellFormed(action.OrganizationalUnit) && DistinguishedName.IsWithin(action.OrganizationalUnit, allowed)))
        {
            return ActionResult.Failed(
                ActionErrorCode.NotAllowed,
                $"Accounts may only be created in {string.Join(" or ", _options.EffectiveAccountOrganizationalUnits)}.",
                "organizationalUnit");
        }

        var ou = await FindEntryAsync(DirectoryObjectKind.OrganizationalUnit, action.OrganizationalUnit, cancellationToken).ConfigureAwait(false);
        if (ou is null)
        {
            return NotFound("organizational unit", action.OrganizationalUnit, "organizationalUnit");
        }

        var manager = await FindEntryAsync(DirectoryObjectKind.User, action.ManagerId, cancellationToken).ConfigureAwait(false);
        if (manager is null)
        {
            return NotFound("user", action.ManagerId, "managerId");
        }

        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        if (action.ExpiresOn < today)
        {
            return ActionResult.Failed(ActionErrorCode.PolicyViolation, $"The expiry date {LdapSchema.Date(action.ExpiresOn)} lies in the past.", "expiresOn");
        }

        var department = string.IsNullOrWhiteSpace(action.Department) ? ou.Get(LdapSchema.OrganizationalUnitName) ?? "" : action.Department.Trim();
        var password = action.InitialPassword ?? "";
        var expires = LdapSchema.ToAccountExpires(action.ExpiresOn);

        // Created before (the host re-runs a change after a crash): the same person, place, manager and expiry, whose password
        // is this change's (random) initial password: a bind with it says "must change password".
        var sameFilter = LdapFilter.And(
            LdapSchema.KindFilter(DirectoryObjectKind.User),
            LdapFilter.Equal(LdapSchema.GivenName, givenName),
            LdapFilter.Equal(LdapSchema.Surname, surname),
            LdapFilter.Equal(LdapSchema.Manager, manager.Dn),
            LdapFilter.Equal(LdapSchema.AccountExpires, expires.ToString(CultureInfo.InvariantCulture)));
        foreach (var candidate in await SearchEntriesAsync(ou.Dn, sameFilter, SearchScope.OneLevel, LdapSchema.Attributes, 10, cancellationToken).ConfigureAwait(false))
        {
            if (apply && await gateway.TryBindAsync(candidate.Dn, password, cancellationToken).ConfigureAwait(false) is BindOutcome.MustChangePassword or BindOutcome.Success)
            {
                var existing = Creation(candidate.AccountName, givenName, surname, candidate.Get(LdapSchema.Mail), candidate.Get(LdapSchema.Department), manager.AccountName, action.ExpiresOn);
                return new ActionResult(ActionOutcome.NoChange, [.. existing.Select(c => c with { Before = c.Secret ? null : c.After })], null, candidate.AccountName);
            }
        }

        var id = await FreeAccountNameAsync(Slug(givenName), Slug(surname), cancellationToken).ConfigureAwait(false);
        var policy = await PasswordPolicyAsync(cancellationToken).ConfigureAwait(false);
        var displayName = $"{givenName} {surname}";
        if (!apply && policy.Check(password, id, displayName) is { } violation)
        {
            return ActionResult.Failed(ActionErrorCode.PolicyViolation, violation, "initialPassword");
        }

        var domain = _options.EffectiveMailDomain;
        var mail = $"{id}@{domain}";
        var changes = Creation(id, givenName, surname, mail, department, manager.AccountName, action.ExpiresOn);
        if (!apply)
        {
            return ActionResult.Changed(changes, id);
        }

        var commonName = displayName;
        for (var attempt = 0; ; attempt++)
        {
            var dn = $"CN={DistinguishedName.EscapeValue(commonName)},{ou.Dn}";
            var request = new AddRequest(dn,
                new DirectoryAttribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new DirectoryAttribute(LdapSchema.AccountName, id),
                new DirectoryAttribute(LdapSchema.UserPrincipalName, $"{id}@{domain}"),
                new DirectoryAttribute(LdapSchema.GivenName, givenName),
                new DirectoryAttribute(LdapSchema.Surname, surname),
                new DirectoryAttribute(LdapSchema.DisplayName, displayName),
                new DirectoryAttribute(LdapSchema.Mail, mail),
                new DirectoryAttribute(LdapSchema.ProxyAddresses, "SMTP:" + mail),
                new DirectoryAttribute(LdapSchema.Manager, manager.Dn),
                new DirectoryAttribute(LdapSchema.AccountExpires, expires.ToString(CultureInfo.InvariantCulture)),
                new DirectoryAttribute(LdapSchema.UnicodePassword, EncodePassword(password)),
                new DirectoryAttribute(LdapSchema.UserAccountControl, LdapSchema.NormalAccount.ToString(CultureInfo.InvariantCulture)),
                new DirectoryAttribute(LdapSchema.PasswordLastSet, "0"));
            if (department.Length > 0)
            {
                request.Attributes.Add(new DirectoryAttribute(LdapSchema.Department, department));
            }

            try
            {
                await gateway.SendAsync<AddResponse>(request, cancellationToken).ConfigureAwait(false);
                return ActionResult.Changed(changes, id);
            }
            catch (DirectoryOperationException e) when (e.Response?.ResultCode == ResultCode.EntryAlreadyExists && attempt == 0)
            {
                // Someone with the same name in this OU: keep the name readable and make the CN unique with the account name.
                commonName = $"{displayName} ({id})";
            }
            catch (DirectoryOperationException e) when (LdapErrors.IsPasswordRejection(e))
            {
                return ActionResult.Failed(ActionErrorCode.PolicyViolation, LdapErrors.PasswordMessage(e, policy.MinimumLength), "initialPassword");
            }
            catch (DirectoryOperationException e) when (LdapErrors.ToResult(e, $"the account '{id}'", "organizationalUnit") is { } failure)
            {
                return failure;
            }
        }
    }

    /// <summary>The first of <c>given.surname</c>, <c>given.surname2</c>, … (at most 20 characters) that no account, UPN or mail uses.</summary>
    private async Task<string> FreeAccountNameAsync(string given, string surname, CancellationToken cancellationToken)
    {
        var domain = _options.EffectiveMailDomain;
        for (var n = 1; ; n++)
        {
            var suffix = n == 1 ? "" : n.ToString(CultureInfo.InvariantCulture);
            var stem = $"{given}.{surname}";
            var candidate = (stem.Length + suffix.Length > MaximumAccountNameLength ? stem[..(MaximumAccountNameLength - suffix.Length)] : stem).TrimEnd('.') + suffix;
            var filter = LdapFilter.Or(
                LdapFilter.Equal(LdapSchema.AccountName, candidate),
                LdapFilter.Equal(LdapSchema.UserPrincipalName, $"{candidate}@{domain}"),
                LdapFilter.Equal(LdapSchema.Mail, $"{candidate}@{domain}"),
                LdapFilter.Equal(LdapSchema.ProxyAddresses, $"smtp:{candidate}@{domain}"));
            if ((await SearchEntriesAsync(_options.BaseDn, filter, SearchScope.Subtree, [LdapSchema.AccountName], 1, cancellationToken).ConfigureAwait(false)).Count == 0)
            {
                return candidate;
            }
        }
    }

    /// <summary>Lower-case ASCII letters and digits of a name (accents dropped): safe in an account name and a mail address.</summary>
    internal static string Slug(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static List<AttributeChange> Creation(string id, string givenName, string surname, string? mail, string? department, string managerId, DateOnly expiresOn) =>
    [
        new(id, DirectoryAttributes.Exists, null, LdapSchema.Flag(true)),
        new(id, DirectoryAttributes.GivenName, null, givenName),
        new(id, DirectoryAttributes.Surname, null, surname),
        new(id, DirectoryAttributes.Mail, null, mail),
        new(id, DirectoryAttributes.Department, null, string.IsNullOrEmpty(department) ? null : department),
        new(id, DirectoryAttributes.Manager, null, managerId),
        new(id, DirectoryAttributes.Enabled, null, LdapSchema.Flag(true)),
        new(id, DirectoryAttributes.AccountExpires, null, LdapSchema.Date(expiresOn)),
        new(id, DirectoryAttributes.Password, null, null, Secret: true),
        new(id, DirectoryAttributes.MustChangePassword, null, LdapSchema.Flag(true)),
    ];
}
