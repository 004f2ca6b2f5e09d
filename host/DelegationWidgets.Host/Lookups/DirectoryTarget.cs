namespace DelegationWidgets.Host.Lookups;

/// <summary>The systems the logical target <c>directory</c> (the one the standard forms act on) can be bound to.</summary>
internal enum DirectoryConnectorKind
{
    /// <summary>The seeded demo directory in the host's own database (settings under <c>BuiltInDirectory</c>).</summary>
    BuiltIn,

    /// <summary>Active Directory or another LDAP directory over LDAPS (settings under <c>Ldap</c>).</summary>
    Ldap,

    /// <summary>Microsoft Entra ID through Microsoft Graph (settings under <c>Graph</c>).</summary>
    Graph,
}

/// <summary>
/// Reads <c>Directory:Connector</c> (<c>Directory__Connector=BuiltIn</c>, the default, <c>Ldap</c> or <c>Graph</c>). Any other value
/// stops the host at start-up with a message that names the setting.
/// </summary>
internal static class DirectoryTarget
{
    public const string Setting = "Directory:Connector";
    public const string BuiltInSection = "BuiltInDirectory";
    public const string LdapSection = "Ldap";
    public const string GraphSection = "Graph";

    public static DirectoryConnectorKind Of(IConfiguration configuration) => configuration[Setting] switch
    {
        null or "" => DirectoryConnectorKind.BuiltIn,
        var value when Enum.TryParse<DirectoryConnectorKind>(value, ignoreCase: true, out var kind) && Enum.IsDefined(kind) => kind,
        var value => throw new InvalidOperationException($"{Setting}: '{value}' is not a directory connector; use BuiltIn, Ldap or Graph."),
    };
}
