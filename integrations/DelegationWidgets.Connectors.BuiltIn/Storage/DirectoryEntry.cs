namespace DelegationWidgets.Connectors.BuiltIn.Storage;

/// <summary>
/// One row of <c>directory_objects</c>: a user, group, shared mailbox or OU. The <c>…Norm</c> columns hold the
/// lower-cased (invariant) values that lookups compare against, so that prefix searches and scope rules are
/// index range queries instead of case-folding scans.
/// </summary>
internal sealed class DirectoryEntry
{
    public required string Id { get; set; }

    public required string IdNorm { get; set; }

    public DirectoryObjectKind Kind { get; set; }

    public required string DisplayName { get; set; }

    public required string DisplayNameNorm { get; set; }

    public required string OrganizationalUnit { get; set; }

    public required string OrganizationalUnitNorm { get; set; }

    public string? Department { get; set; }

    public string? DepartmentNorm { get; set; }

    public string? ManagerId { get; set; }

    public string? OwnerId { get; set; }

    public string? GivenName { get; set; }

    public string? GivenNameNorm { get; set; }

    public string? Surname { get; set; }

    public string? SurnameNorm { get; set; }

    public string? Mail { get; set; }

    public string? MailNorm { get; set; }

    public string? Phone { get; set; }

    public bool Enabled { get; set; } = true;

    public bool Locked { get; set; }

    public DateOnly? AccountExpires { get; set; }

    /// <summary>A salted PBKDF2 hash (see <see cref="Passwords.PasswordHash"/>); never the password.</summary>
    public string? PasswordHash { get; set; }

    public bool MustChangePassword { get; set; }

    // How many leading characters a search key shares with the display name (both lower-cased). A prefix search finds every
    // row whose display name starts with the prefix by one seek; a row found through another key needs its own read only
    // when that key and the display name part within the prefix, i.e. when the shared length is shorter than the prefix.
    // Stored (and indexed) so that lookups read just those rows; computed here, so they cannot drift from the keys.

    /// <summary>Characters <see cref="IdNorm"/> shares with <see cref="DisplayNameNorm"/>.</summary>
    public int IdShared
    {
        get => SharedPrefix(IdNorm, DisplayNameNorm);
        private set { }
    }

    /// <summary>Characters <see cref="GivenNameNorm"/> shares with <see cref="DisplayNameNorm"/>.</summary>
    public int GivenNameShared
    {
        get => SharedPrefix(GivenNameNorm, DisplayNameNorm);
        private set { }
    }

    /// <summary>Characters <see cref="MailNorm"/> shares with <see cref="DisplayNameNorm"/>.</summary>
    public int MailShared
    {
        get => SharedPrefix(MailNorm, DisplayNameNorm);
        private set { }
    }

    /// <summary>Sets the mail and its search key together, so they cannot drift apart.</summary>
    public void SetMail(string? mail)
    {
        Mail = mail;
        MailNorm = Normalize(mail);
    }

    public static string? Normalize(string? value) => value?.ToLowerInvariant();

    private static int SharedPrefix(string? key, string? displayName) =>
        key is null || displayName is null ? 0 : key.AsSpan().CommonPrefixLength(displayName);
}

/// <summary>A direct membership of a user in a group (<c>directory_group_members</c>).</summary>
internal sealed class GroupMembership
{
    public required string GroupId { get; set; }

    public required string UserId { get; set; }
}

/// <summary>A right of a user on a shared mailbox (<c>directory_mailbox_permissions</c>).</summary>
internal sealed class MailboxPermission
{
    public required string MailboxId { get; set; }

    public required string UserId { get; set; }

    public MailboxRight Right { get; set; }
}

/// <summary>
/// An id that existed and was deleted (<c>directory_deleted_objects</c>): a repeated delete is then
/// recognised as already done (no change) rather than "not found", and the id is never handed out again.
/// </summary>
internal sealed class DeletedEntry
{
    public required string Id { get; set; }

    public DirectoryObjectKind Kind { get; set; }

    public DateTimeOffset DeletedAt { get; set; }
}
