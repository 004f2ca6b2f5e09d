namespace DelegationWidgets.Connectors;

/// <summary>The kinds of object a directory connector can list and act on.</summary>
public enum DirectoryObjectKind
{
    User,
    Group,
    Mailbox,
    OrganizationalUnit,
}

/// <summary>
/// One object in a target directory, as far as delegation needs it: enough to show it in a lookup,
/// to decide whether it is in a caller's scope and to describe it in the audit trail.
/// </summary>
/// <param name="Id">The connector's stable id of the object (what forms submit and audit records name).</param>
/// <param name="Kind">User, group, mailbox or organisational unit.</param>
/// <param name="DisplayName">A readable label.</param>
/// <param name="OrganizationalUnit">The distinguished name of the OU that holds the object, e.g. <c>OU=Sales,DC=demo,DC=example</c>.</param>
/// <param name="Department">The department (users), or null.</param>
/// <param name="ManagerId">The id of the user's manager (users), or null.</param>
/// <param name="OwnerId">The id of the user that manages the group or mailbox, or null.</param>
/// <param name="MemberOf">Ids of the groups a user is a direct member of (empty for other kinds).</param>
/// <param name="Attributes">Further readable attributes (mail, phone, enabled, locked, expires, …) keyed by name.</param>
public sealed record DirectoryObject(
    string Id,
    DirectoryObjectKind Kind,
    string DisplayName,
    string OrganizationalUnit,
    string? Department,
    string? ManagerId,
    string? OwnerId,
    IReadOnlyList<string> MemberOf,
    IReadOnlyDictionary<string, string?> Attributes)
{
    /// <summary>A secondary label for pickers: mail for users and mailboxes, the OU otherwise.</summary>
    public string Description =>
        Attributes.TryGetValue(DirectoryAttributes.Mail, out var mail) && !string.IsNullOrEmpty(mail) ? mail : OrganizationalUnit;
}

/// <summary>Attribute names shared by every directory connector, so audit records read the same whatever the target system.</summary>
public static class DirectoryAttributes
{
    public const string Mail = "mail";
    public const string Phone = "telephoneNumber";
    public const string Enabled = "enabled";
    public const string Locked = "locked";
    public const string AccountExpires = "accountExpires";
    public const string Password = "password";
    public const string MustChangePassword = "mustChangePasswordAtNextLogon";
    public const string Members = "member";
    public const string MailboxPermission = "mailboxPermission";
    public const string Exists = "exists";
    public const string GivenName = "givenName";
    public const string Surname = "sn";
    public const string Manager = "manager";
    public const string Department = "department";
}
