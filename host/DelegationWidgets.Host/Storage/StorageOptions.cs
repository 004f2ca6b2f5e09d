namespace DelegationWidgets.Host.Storage;

/// <summary>The database. <c>ConnectionStrings__Delegation</c> names it; the default is a SQLite file under <c>data/</c> in the current directory.</summary>
internal static class StorageOptions
{
    public const string ConnectionName = "Delegation";
    public const string DefaultConnectionString = "Data Source=data/delegation.db";

    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionName) is { Length: > 0 } value ? value : DefaultConnectionString;
}
