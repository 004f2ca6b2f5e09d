using DelegationWidgets.Sqlite;

namespace DelegationWidgets.Host.Storage;

/// <summary>
/// The database. <c>ConnectionStrings__Delegation</c> names it; the default is a SQLite file under <c>data/</c> in the
/// current directory. <c>Storage__SqliteDurability</c> is <c>Normal</c> (default: a commit survives a crash of the
/// host process) or <c>Full</c> (every commit is flushed to disk and survives a power loss, at a cost in throughput).
/// </summary>
internal static class StorageOptions
{
    public const string ConnectionName = "Delegation";
    public const string DefaultConnectionString = "Data Source=data/delegation.db";
    public const string DurabilitySetting = "Storage:SqliteDurability";

    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionName) is { Length: > 0 } value ? value : DefaultConnectionString;

    public static SqliteDurability Durability(IConfiguration configuration) =>
        configuration[DurabilitySetting] switch
        {
            null or "" => SqliteDurability.Normal,
            var value when Enum.TryParse<SqliteDurability>(value, ignoreCase: true, out var durability) && Enum.IsDefined(durability) => durability,
            var value => throw new InvalidOperationException($"{DurabilitySetting}: '{value}' is not valid; use Normal or Full."),
        };
}
