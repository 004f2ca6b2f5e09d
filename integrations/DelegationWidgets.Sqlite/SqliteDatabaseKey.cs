using Microsoft.Data.Sqlite;

namespace DelegationWidgets.Sqlite;

/// <summary>Names the database file a connection string opens, so that everything per database is found by the same key.</summary>
internal static class SqliteDatabaseKey
{
    public static string Of(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.Ordinal)
            ? connectionString
            : Path.GetFullPath(dataSource);
    }
}
