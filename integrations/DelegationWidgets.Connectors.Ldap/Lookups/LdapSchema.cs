using System.Globalization;
using DelegationWidgets.Connectors.Ldap.Filters;

namespace DelegationWidgets.Connectors.Ldap.Lookups;

/// <summary>
/// How the connector's object kinds map onto Active Directory.
/// <list type="bullet">
/// <item>User: <c>sAMAccountType=805306368</c> (normal user accounts; no computers). Id: <c>sAMAccountName</c>.</item>
/// <item>Group: a security group (<c>groupType</c> bit 0x80000000) that is not a mailbox right group. Id: <c>sAMAccountName</c>.</item>
/// <item>Mailbox (Samba has no Exchange, so shared mailboxes are modelled): a mail-enabled distribution group (security bit
/// clear, <c>mail</c> set) with <c>managedBy</c> as the owner. Each right is a security group named
/// <c>&lt;mailbox&gt;-FullAccess</c> / <c>&lt;mailbox&gt;-SendAs</c> (next to the mailbox); a user holds the right when they are
/// a direct member. Right groups are not listed as groups, so only the mailbox forms change them. Id: <c>sAMAccountName</c>.</item>
/// <item>Organisational unit: <c>objectClass=organizationalUnit</c>. Id: its DN.</item>
/// </list>
/// </summary>
internal static class LdapSchema
{
    public const string AccountName = "sAMAccountName";
    public const string ObjectGuid = "objectGUID";
    public const string DisplayName = "displayName";
    public const string CommonName = "cn";
    public const string OrganizationalUnitName = "ou";
    public const string Department = "department";
    public const string Manager = "manager";
    public const string ManagedBy = "managedBy";
    public const string MemberOf = "memberOf";
    public const string Member = "member";
    public const string Mail = "mail";
    public const string ProxyAddresses = "proxyAddresses";
    public const string Phone = "telephoneNumber";
    public const string UserAccountControl = "userAccountControl";
    public const string ComputedUserAccountControl = "msDS-User-Account-Control-Computed";
    public const string LockoutTime = "lockoutTime";
    public const string AccountExpires = "accountExpires";
    public const string PasswordLastSet = "pwdLastSet";
    public const string GivenName = "givenName";
    public const string Surname = "sn";
    public const string UserPrincipalName = "userPrincipalName";
    public const string UnicodePassword = "unicodePwd";
    public const string GroupType = "groupType";

    /// <summary>userAccountControl: ACCOUNTDISABLE.</summary>
    public const int AccountDisabled = 0x2;

    /// <summary>userAccountControl: NORMAL_ACCOUNT.</summary>
    public const int NormalAccount = 0x200;

    /// <summary>msDS-User-Account-Control-Computed: UF_LOCKOUT.</summary>
    public const int LockedOut = 0x10;

    /// <summary>groupType: GROUP_TYPE_SECURITY_ENABLED (as the signed value LDAP filters take).</summary>
    public const long SecurityEnabled = 2147483648;

    public static readonly string[] MailboxRightSuffixes = ["-" + nameof(MailboxRight.FullAccess), "-" + nameof(MailboxRight.SendAs)];

    public static readonly string[] Attributes =
    [
        AccountName, ObjectGuid, DisplayName, CommonName, OrganizationalUnitName, Department, Manager, ManagedBy, MemberOf, Mail,
        ProxyAddresses, Phone, UserAccountControl, ComputedUserAccountControl, LockoutTime, AccountExpires, PasswordLastSet,
        GivenName, Surname, UserPrincipalName, GroupType,
    ];

    public static string KindFilter(DirectoryObjectKind kind) => kind switch
    {
        DirectoryObjectKind.User => "(sAMAccountType=805306368)",
        DirectoryObjectKind.Group => LdapFilter.And(
            "(objectClass=group)",
            LdapFilter.BitsSet(GroupType, SecurityEnabled),
            LdapFilter.Not(LdapFilter.Or(MailboxRightSuffixes.Select(s => $"({AccountName}=*{LdapFilter.Escape(s)})")))),
        DirectoryObjectKind.Mailbox => LdapFilter.And("(objectClass=group)", $"({Mail}=*)", LdapFilter.Not(LdapFilter.BitsSet(GroupType, SecurityEnabled))),
        DirectoryObjectKind.OrganizationalUnit => "(objectClass=organizationalUnit)",
        _ => LdapFilter.Nothing,
    };

    /// <summary>The filter that selects one object of a kind by its id (an OU by its DN, anything else by <c>sAMAccountName</c>).</summary>
    public static string IdFilter(DirectoryObjectKind kind, string id) => kind == DirectoryObjectKind.OrganizationalUnit
        ? LdapFilter.Equal("distinguishedName", id)
        : LdapFilter.Equal(AccountName, id);

    /// <summary>The rights group of a mailbox (see the type's remarks).</summary>
    public static string RightGroupId(string mailboxId, MailboxRight right) => $"{mailboxId}-{right}";

    /// <summary>The Windows file time (100 ns since 1601) of the start of the day after <paramref name="date"/> (UTC): an account that expires "on" a date works all that day.</summary>
    public static long ToAccountExpires(DateOnly date) =>
        date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).ToFileTimeUtc();

    /// <summary>The last day an account works, or null when <c>accountExpires</c> is 0 or never (0x7FFFFFFFFFFFFFFF).</summary>
    public static DateOnly? FromAccountExpires(long? value) =>
        value is null or 0 or long.MaxValue or < 0
            ? null
            : DateOnly.FromDateTime(DateTime.FromFileTimeUtc(value.Value).AddTicks(-1));

    public static string Flag(bool value) => value ? "true" : "false";

    public static string? Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
