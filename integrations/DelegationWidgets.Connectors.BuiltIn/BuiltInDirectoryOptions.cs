namespace DelegationWidgets.Connectors.BuiltIn;

/// <summary>Settings of the built-in directory (the embedded demo stand-in for Active Directory).</summary>
public sealed class BuiltInDirectoryOptions
{
    /// <summary>The smallest <see cref="UserCount"/>: the seed's personas, departments and externals need this many users.</summary>
    public const int MinimumUserCount = 300;

    /// <summary>The largest <see cref="UserCount"/> the seed supports.</summary>
    public const int MaximumUserCount = 1_000_000;

    /// <summary>
    /// The SQLite connection string, normally the host's own database file. The directory's tables are prefixed
    /// <c>directory_</c> and keep their own migrations history (<c>__directory_migrations</c>).
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>How many users the demo seed creates when the directory is empty (default 300).</summary>
    public int UserCount { get; set; } = MinimumUserCount;

    /// <summary>The connector's logical name that forms refer to (default <c>directory</c>).</summary>
    public string Name { get; set; } = "directory";
}
