namespace DelegationWidgets.Connectors.Ldap;

/// <summary>
/// Settings of the Active Directory connector (configuration section <c>Ldap</c>). The connector always talks TLS:
/// LDAPS on <see cref="Port"/> (default 636) or StartTLS on a plain LDAP port (default 389) when
/// <see cref="UseStartTls"/> is set. The server certificate is validated against the system's trusted CAs; for a
/// test domain, <see cref="TrustedCertificate"/> names one more certificate to trust.
/// </summary>
public sealed class LdapConnectorOptions
{
    /// <summary>The configuration section the host binds (<c>Ldap</c>).</summary>
    public const string Section = "Ldap";

    /// <summary>The domain controller's host name or address; it must match a name in the server certificate.</summary>
    public string Server { get; set; } = "";

    /// <summary>The TCP port; 0 means the default (636 for LDAPS, 389 for StartTLS).</summary>
    public int Port { get; set; }

    /// <summary>Connect to a plain LDAP port and upgrade with StartTLS instead of LDAPS.</summary>
    public bool UseStartTls { get; set; }

    /// <summary>The distinguished name (or user principal name) of the service account the connector binds as.</summary>
    public string BindDn { get; set; } = "";

    /// <summary>The service account's password. Never logged.</summary>
    public string BindPassword { get; set; } = "";

    /// <summary>The search base of every lookup, e.g. <c>DC=demo,DC=example</c>.</summary>
    public string BaseDn { get; set; } = "";

    /// <summary>
    /// A certificate to trust in addition to the system's CAs: a PEM or DER file (a CA, or the server's own certificate),
    /// or the SHA-256 (64 hex digits) or SHA-1 (40 hex digits) thumbprint of a certificate the server presents on LDAPS.
    /// Empty: only the system's trusted CAs.
    /// </summary>
    public string TrustedCertificate { get; set; } = "";

    /// <summary>The logical target name forms refer to (default <c>directory</c>, so it can replace the built-in directory).</summary>
    public string Name { get; set; } = "directory";

    /// <summary>The OU that holds external accounts: the only place <c>deleteAccount</c> may delete. Default <c>OU=External,</c> + <see cref="BaseDn"/>.</summary>
    public string ExternalOrganizationalUnit { get; set; } = "";

    /// <summary>OUs (and their sub-OUs) where <c>createAccount</c> may create accounts. Empty: only <see cref="ExternalOrganizationalUnit"/>.</summary>
    public IList<string> AccountOrganizationalUnits { get; } = [];

    /// <summary>The domain of created accounts' mail and user principal name. Default: the <c>DC=</c> parts of <see cref="BaseDn"/> (e.g. <c>demo.example</c>).</summary>
    public string MailDomain { get; set; } = "";

    /// <summary>How long one LDAP operation may take before it is abandoned (default 15 seconds).</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a transient failure (server down, connect error, busy) is retried (default 2).</summary>
    public int RetryCount { get; set; } = 2;

    /// <summary>How long the circuit stays open after repeated transient failures (default 30 seconds).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>At most this many bound connections are kept open (default 4).</summary>
    public int MaxConnections { get; set; } = 4;

    /// <summary>
    /// Lookups search an in-memory replica of the directory that catches up with the DC before each lookup (default on).
    /// Off: every lookup is a search on the DC, which scans the whole domain for a prefix (hundreds of ms with 10,000 users).
    /// </summary>
    public bool LookupReplica { get; set; } = true;

    /// <summary>How long a lookup may be answered from the replica without first reading the DC's changes (default 0: never).</summary>
    public TimeSpan LookupRefreshInterval { get; set; } = TimeSpan.Zero;

    /// <summary>How often the replica is read again in full, which also drops objects deleted by others when the service account cannot read their tombstones (default 15 minutes).</summary>
    public TimeSpan LookupReloadInterval { get; set; } = TimeSpan.FromMinutes(15);

    internal int EffectivePort => Port != 0 ? Port : UseStartTls ? 389 : 636;

    internal string EffectiveExternalOrganizationalUnit =>
        string.IsNullOrWhiteSpace(ExternalOrganizationalUnit) ? "OU=External," + BaseDn : ExternalOrganizationalUnit;

    internal IReadOnlyList<string> EffectiveAccountOrganizationalUnits =>
        AccountOrganizationalUnits.Count > 0 ? [.. AccountOrganizationalUnits] : [EffectiveExternalOrganizationalUnit];

    internal string EffectiveMailDomain => string.IsNullOrWhiteSpace(MailDomain) ? Filters.DistinguishedName.DomainOf(BaseDn) : MailDomain;

    /// <summary>Keeps the password out of logs.</summary>
    public override string ToString() =>
        $"LdapConnectorOptions {{ Server = {Server}, Port = {EffectivePort}, UseStartTls = {UseStartTls}, BindDn = {BindDn}, BindPassword = [redacted], BaseDn = {BaseDn}, Name = {Name} }}";
}
