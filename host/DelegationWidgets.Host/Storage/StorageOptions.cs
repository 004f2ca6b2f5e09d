using DelegationWidgets.Sqlite;

namespace DelegationWidgets.Host.Storage;

/// <summary>Which database engine holds the host's tables.</summary>
internal enum StorageProvider
{
    /// <summary>The embedded default: one SQLite file, one host instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, which several host instances may share.</summary>
    PostgreSQL,
}

/// <summary>
/// The database. <c>Storage__Provider</c> is <c>Sqlite</c> (default) or <c>PostgreSQL</c>; <c>ConnectionStrings__Delegation</c>
/// names the database: for SQLite the default is a file under <c>data/</c> in the current directory, for PostgreSQL it
/// is required (e.g. <c>Host=db;Database=delegation;Username=dw;Password=…</c>). <c>Storage__SqliteDurability</c> is
/// <c>Normal</c> (default: a commit survives a crash of the host process) or <c>Full</c> (every commit is flushed to disk
/// and survives a power loss, at a cost in throughput).
/// </summary>
internal static class StorageOptions
{
    public const string ConnectionName = "Delegation";
    public const string DefaultConnectionString = "Data Source=data/delegation.db";
    public const string ProviderSetting = "Storage:Provider";
    public const string DurabilitySetting = "Storage:SqliteDurability";

    public static StorageProvider Provider(IConfiguration configuration) =>
        configuration[ProviderSetting] switch
        {
            null or "" => StorageProvider.Sqlite,
            var value when Enum.TryParse<StorageProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider) => provider,
            var value => throw new InvalidOperationException($"{ProviderSetting}: '{value}' is not valid; use Sqlite or PostgreSQL."),
        };

    public static string ConnectionString(IConfiguration configuration)
    {
        if (configuration.GetConnectionString(ConnectionName) is { Length: > 0 } value)
        {
            return value;
        }

        return Provider(configuration) == StorageProvider.PostgreSQL
            ? throw new InvalidOperationException(
                $"{ProviderSetting} is PostgreSQL, so ConnectionStrings:{ConnectionName} is required (e.g. 'Host=db.example;Database=delegation;Username=dw;Password=…').")
            : DefaultConnectionString;
    }

    public static SqliteDurability Durability(IConfiguration configuration) =>
        configuration[DurabilitySetting] switch
        {
            null or "" => SqliteDurability.Normal,
            var value when Enum.TryParse<SqliteDurability>(value, ignoreCase: true, out var durability) && Enum.IsDefined(durability) => durability,
            var value => throw new InvalidOperationException($"{DurabilitySetting}: '{value}' is not valid; use Normal or Full."),
        };
}
