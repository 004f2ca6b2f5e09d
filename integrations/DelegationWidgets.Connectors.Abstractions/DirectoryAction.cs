namespace DelegationWidgets.Connectors;

/// <summary>
/// A typed action on a directory. Every parameter is a value; connectors pass them to the target
/// system as parameters (escaped for LDAP filters and DNs, encoded for URLs), never spliced.
/// </summary>
public abstract record DirectoryAction
{
    /// <summary>The action's stable name as forms name it in their <c>task</c> (e.g. <c>resetPassword</c>).</summary>
    public abstract string Name { get; }
}

public sealed record ResetPassword(string UserId, string NewPassword, bool MustChangeAtNextLogon) : DirectoryAction
{
    public override string Name => "resetPassword";

    /// <summary>Keeps the password out of logs and exception messages.</summary>
    public override string ToString() => $"ResetPassword {{ UserId = {UserId}, NewPassword = [redacted], MustChangeAtNextLogon = {MustChangeAtNextLogon} }}";
}

public sealed record UnlockAccount(string UserId) : DirectoryAction
{
    public override string Name => "unlockAccount";
}

public sealed record DisableAccount(string UserId) : DirectoryAction
{
    public override string Name => "disableAccount";
}

public sealed record EnableAccount(string UserId) : DirectoryAction
{
    public override string Name => "enableAccount";
}

public sealed record DeleteAccount(string UserId) : DirectoryAction
{
    public override string Name => "deleteAccount";
}

/// <summary>Creates an enabled account in <paramref name="OrganizationalUnit"/> that expires at the end of <paramref name="ExpiresOn"/>.</summary>
public sealed record CreateAccount(
    string GivenName,
    string Surname,
    string OrganizationalUnit,
    string ManagerId,
    DateOnly ExpiresOn,
    string InitialPassword,
    string? Department = null) : DirectoryAction
{
    public override string Name => "createAccount";

    public override string ToString() =>
        $"CreateAccount {{ GivenName = {GivenName}, Surname = {Surname}, OrganizationalUnit = {OrganizationalUnit}, ManagerId = {ManagerId}, ExpiresOn = {ExpiresOn:yyyy-MM-dd}, InitialPassword = [redacted] }}";
}

public sealed record AddGroupMember(string UserId, string GroupId) : DirectoryAction
{
    public override string Name => "addGroupMember";
}

public sealed record RemoveGroupMember(string UserId, string GroupId) : DirectoryAction
{
    public override string Name => "removeGroupMember";
}

/// <summary>Mailbox permissions a delegated form may grant.</summary>
public enum MailboxRight
{
    FullAccess,
    SendAs,
}

public sealed record GrantMailboxAccess(string UserId, string MailboxId, MailboxRight Permission) : DirectoryAction
{
    public override string Name => "grantMailboxAccess";
}

public sealed record RevokeMailboxAccess(string UserId, string MailboxId, MailboxRight Permission) : DirectoryAction
{
    public override string Name => "revokeMailboxAccess";
}

/// <summary>Sets mail and/or phone; a null value leaves that attribute as it is.</summary>
public sealed record UpdateContactDetails(string UserId, string? Mail, string? Phone) : DirectoryAction
{
    public override string Name => "updateContactDetails";
}
