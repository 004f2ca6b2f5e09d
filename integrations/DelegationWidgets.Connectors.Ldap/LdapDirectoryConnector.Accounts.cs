using System.DirectoryServices.Protocols;
using System.Net.Mail;
using System.Text;
using System.Text.RegularExpressions;
using DelegationWidgets.Connectors.Ldap.Connection;
using DelegationWidgets.Connectors.Ldap.Filters;
using DelegationWidgets.Connectors.Ldap.Lookups;

namespace DelegationWidgets.Connectors.Ldap;

// Actions on one account: password, delete, contact details.
internal sealed partial class LdapDirectoryConnector
{
    /// <summary>LDAP_SERVER_POLICY_HINTS_OID: Active Directory then applies password history to a reset too. Not critical: Samba does not know it.</summary>
    private const string PolicyHintsOid = "1.2.840.113556.1.4.2239";

    private const string NewPasswordParameter = "newPassword";

    private async Task<ActionResult> ResetPasswordAsync(ResetPassword action, bool apply, CancellationToken cancellationToken)
    {
        var user = await FindEntryAsync(DirectoryObjectKind.User, action.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return NotFound("user", action.UserId, UserIdParameter);
        }

        var password = action.NewPassword ?? "";
        var policy = await PasswordPolicyAsync(cancellationToken).ConfigureAwait(false);
        var mustChangeBefore = user.GetLong(LdapSchema.PasswordLastSet) == 0;
        AttributeChange[] changes =
        [
            new(user.AccountName, DirectoryAttributes.Password, null, null, Secret: true),
            new(user.AccountName, DirectoryAttributes.MustChangePassword, LdapSchema.Flag(mustChangeBefore), LdapSchema.Flag(action.MustChangeAtNextLogon)),
        ];
        if (!apply)
        {
            // The DC's answer predicted from its policy; the history can only be checked by writing.
            return policy.Check(password, user.AccountName, user.Get(LdapSchema.DisplayName)) is { } violation
                ? ActionResult.Failed(ActionErrorCode.PolicyViolation, violation, NewPasswordParameter)
                : ActionResult.Changed(changes);
        }

        var modifications = new List<DirectoryAttributeModification> { Replace(LdapSchema.UnicodePassword, EncodePassword(password)) };
        if (action.MustChangeAtNextLogon)
        {
            modifications.Add(Replace(LdapSchema.PasswordLastSet, "0"));
        }

        var request = new ModifyRequest(user.Dn, [.. modifications]);
        request.Controls.Add(new DirectoryControl(PolicyHintsOid, BerConverter.Encode("{i}", 1), isCritical: false, serverSide: true));
        try
        {
            await gateway.SendAsync<ModifyResponse>(request, cancellationToken).ConfigureAwait(false);
            return ActionResult.Changed(changes);
        }
        catch (DirectoryOperationException e) when (LdapErrors.IsPasswordRejection(e))
        {
            // A repeat after a crash: the password is already the current one (a bind with it succeeds, or says it must be changed).
            if (LdapErrors.IsHistoryRejection(e)
                && await gateway.TryBindAsync(user.Dn, password, cancellationToken).ConfigureAwait(false) is BindOutcome.Success or BindOutcome.MustChangePassword
                && mustChangeBefore == action.MustChangeAtNextLogon)
            {
                return ActionResult.NoChange(changes);
            }

            return ActionResult.Failed(ActionErrorCode.PolicyViolation, LdapErrors.PasswordMessage(e, policy.MinimumLength), NewPasswordParameter);
        }
        catch (DirectoryOperationException e) when (LdapErrors.ToResult(e, $"the password of '{user.AccountName}'", UserIdParameter) is { } failure)
        {
            return failure;
        }
    }

    /// <summary><c>unicodePwd</c> takes the password in double quotes, UTF-16LE; it can only be written over TLS.</summary>
    internal static byte[] EncodePassword(string password) => Encoding.Unicode.GetBytes("\"" + password + "\"");

    private async Task<ActionResult> DeleteAccountAsync(DeleteAccount action, bool apply, CancellationToken cancellationToken)
    {
        var user = await FindEntryAsync(DirectoryObjectKind.User, action.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            // Deleted before (the host re-runs a change after a crash): the DC keeps a tombstone with the account name.
            return await IsDeletedAsync(action.UserId, cancellationToken).ConfigureAwait(false)
                ? ActionResult.NoChange([new AttributeChange(action.UserId, DirectoryAttributes.Exists, LdapSchema.Flag(false), LdapSchema.Flag(false))])
                : NotFound("user", action.UserId, UserIdParameter);
        }

        var external = _options.EffectiveExternalOrganizationalUnit;
        if (!DistinguishedName.IsWithin(DistinguishedName.Parent(user.Dn), external))
        {
            return ActionResult.Failed(
                ActionErrorCode.NotAllowed,
                $"Only accounts in {external} may be deleted; '{user.AccountName}' is in {DistinguishedName.Parent(user.Dn)}. Disable it instead.",
                UserIdParameter);
        }

        var groups = await ResolveIdsAsync(user.GetAll(LdapSchema.MemberOf), cancellationToken).ConfigureAwait(false);
        List<AttributeChange> changes = [new(user.AccountName, DirectoryAttributes.Exists, LdapSchema.Flag(true), LdapSchema.Flag(false))];
        changes.AddRange(groups.Values.Order(StringComparer.OrdinalIgnoreCase).Select(g => new AttributeChange(g, DirectoryAttributes.Members, user.AccountName, null)));
        if (!apply)
        {
            return ActionResult.Changed(changes);
        }

        try
        {
            await gateway.SendAsync<DeleteResponse>(new DeleteRequest(user.Dn), cancellationToken).ConfigureAwait(false);
        }
        catch (DirectoryOperationException e) when (e.Response?.ResultCode == ResultCode.NoSuchObject)
        {
            return ActionResult.NoChange([new AttributeChange(user.AccountName, DirectoryAttributes.Exists, LdapSchema.Flag(false), LdapSchema.Flag(false))]);
        }
        catch (DirectoryOperationException e) when (LdapErrors.ToResult(e, $"the account '{user.AccountName}'", UserIdParameter) is { } failure)
        {
            return failure;
        }

        if (_replica is { } replica && user.ObjectGuid is { } guid)
        {
            await replica.ForgetAsync(guid, cancellationToken).ConfigureAwait(false);
        }

        return ActionResult.Changed(changes);
    }

    /// <summary>Whether a deleted user (a tombstone, read with the show-deleted control) had this account name.</summary>
    private async Task<bool> IsDeletedAsync(string? userId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            return false;
        }

        var showDeleted = new ShowDeletedControl { IsCritical = false };
        var filter = LdapFilter.And("(isDeleted=TRUE)", "(objectClass=user)", LdapFilter.Equal(LdapSchema.AccountName, userId));
        var found = await SearchEntriesAsync(_options.BaseDn, filter, SearchScope.Subtree, [LdapSchema.AccountName], 1, cancellationToken, showDeleted).ConfigureAwait(false);
        return found.Count > 0;
    }

    private async Task<ActionResult> UpdateContactDetailsAsync(UpdateContactDetails action, bool apply, CancellationToken cancellationToken)
    {
        var user = await FindEntryAsync(DirectoryObjectKind.User, action.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return NotFound("user", action.UserId, UserIdParameter);
        }

        var changes = new List<AttributeChange>();
        var modifications = new List<DirectoryAttributeModification>();
        if (action.Mail is not null)
        {
            // An empty value clears the attribute (and demotes the primary SMTP address).
            var mail = action.Mail.Trim() is { Length: > 0 } trimmed ? trimmed : null;
            if (mail is not null && !IsMailAddress(mail))
            {
                return ActionResult.Failed(ActionErrorCode.PolicyViolation, $"'{mail}' is not a valid e-mail address (name@domain).", "mail");
            }

            if (mail is not null)
            {
                var holderFilter = LdapFilter.And(
                    LdapFilter.Or(LdapFilter.Equal(LdapSchema.Mail, mail), LdapFilter.Equal(LdapSchema.ProxyAddresses, "smtp:" + mail)),
                    LdapFilter.Not(LdapFilter.Equal("distinguishedName", user.Dn)));
                var holders = await SearchEntriesAsync(_options.BaseDn, holderFilter, SearchScope.Subtree, [LdapSchema.AccountName], 1, cancellationToken).ConfigureAwait(false);
                if (holders.Count > 0)
                {
                    return ActionResult.Failed(ActionErrorCode.AlreadyExists, $"The e-mail address '{mail}' already belongs to '{holders[0].AccountName}'.", "mail");
                }
            }

            var mailBefore = user.Get(LdapSchema.Mail);
            changes.Add(new AttributeChange(user.AccountName, DirectoryAttributes.Mail, mailBefore, mail));
            if (!string.Equals(mailBefore, mail, StringComparison.Ordinal))
            {
                modifications.Add(mail is null ? Clear(LdapSchema.Mail) : Replace(LdapSchema.Mail, mail));
            }

            var proxiesBefore = user.GetAll(LdapSchema.ProxyAddresses);
            var proxiesAfter = ProxyAddresses.WithPrimary(proxiesBefore, mail);
            changes.Add(new AttributeChange(user.AccountName, LdapSchema.ProxyAddresses, ProxyAddresses.Describe(proxiesBefore), ProxyAddresses.Describe(proxiesAfter)));
            if (ProxyAddresses.Describe(proxiesBefore) != ProxyAddresses.Describe(proxiesAfter))
            {
                modifications.Add(proxiesAfter.Count == 0 ? Clear(LdapSchema.ProxyAddresses) : Replace(LdapSchema.ProxyAddresses, [.. proxiesAfter]));
            }
        }

        if (action.Phone is not null)
        {
            var phone = action.Phone.Trim() is { Length: > 0 } trimmed ? trimmed : null;
            if (phone is not null && !PhonePattern().IsMatch(phone))
            {
                return ActionResult.Failed(ActionErrorCode.PolicyViolation, $"'{phone}' is not a valid phone number (digits, spaces, + - ( ) only, e.g. +31 20 123 4567).", "phone");
            }

            var phoneBefore = user.Get(LdapSchema.Phone);
            changes.Add(new AttributeChange(user.AccountName, DirectoryAttributes.Phone, phoneBefore, phone));
            if (!string.Equals(phoneBefore, phone, StringComparison.Ordinal))
            {
                modifications.Add(phone is null ? Clear(LdapSchema.Phone) : Replace(LdapSchema.Phone, phone));
            }
        }

        if (modifications.Count > 0 && apply)
        {
            try
            {
                await ModifyAsync(user.Dn, cancellationToken, [.. modifications]).ConfigureAwait(false);
            }
            catch (DirectoryOperationException e) when (LdapErrors.ToResult(e, $"the contact details of '{user.AccountName}'", action.Mail is not null ? "mail" : "phone") is { } failure)
            {
                return failure;
            }
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

/// <summary>
/// Exchange's <c>proxyAddresses</c>: <c>SMTP:</c> (upper case) marks the primary address, <c>smtp:</c> the others.
/// Setting a new mail address makes it the primary and keeps the old primary as a secondary address.
/// </summary>
internal static class ProxyAddresses
{
    public static List<string> WithPrimary(IReadOnlyList<string> current, string? mail)
    {
        var result = new List<string>();
        foreach (var address in current)
        {
            if (!address.StartsWith("smtp:", StringComparison.OrdinalIgnoreCase))
            {
                result.Add(address);
                continue;
            }

            var value = address[5..];
            if (mail is not null && value.Equals(mail, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            result.Add("smtp:" + value);
        }

        if (mail is not null)
        {
            result.Insert(0, "SMTP:" + mail);
        }

        return result;
    }

    /// <summary>A stable text of the values for before/after (primary first, then the others sorted).</summary>
    public static string? Describe(IReadOnlyList<string> addresses) => addresses.Count == 0
        ? null
        : string.Join(";", addresses.OrderBy(a => a.StartsWith("SMTP:", StringComparison.Ordinal) ? 0 : 1).ThenBy(a => a, StringComparer.OrdinalIgnoreCase));
}
