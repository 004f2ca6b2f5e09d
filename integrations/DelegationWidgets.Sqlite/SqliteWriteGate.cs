using System.Collections.Concurrent;

namespace DelegationWidgets.Sqlite;

/// <summary>
/// One write gate per SQLite database file, shared by every writer in the process (the host's changes and audit
/// trail, the built-in directory). SQLite allows one writer at a time; queueing writers on a semaphore hands the
/// lock over the moment it is free, where SQLite's busy handler would poll with sleeps of up to 100 ms (and
/// Microsoft.Data.Sqlite's own retry with 150 ms). Other processes are still kept out by SQLite's file lock.
/// </summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>The gate of the database the connection string opens.</summary>
    public static SemaphoreSlim For(string connectionString) =>
        Gates.GetOrAdd(SqliteDatabaseKey.Of(connectionString), _ => new SemaphoreSlim(1, 1));
}
