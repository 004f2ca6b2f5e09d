using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DelegationWidgets.Sqlite;

/// <summary>How a commit reaches the disk (SQLite's <c>synchronous</c> setting in WAL mode).</summary>
public enum SqliteDurability
{
    /// <summary>A commit survives a crash of the process (kill -9); a power loss or OS crash can lose the last commits. Much faster.</summary>
    Normal,

    /// <summary>Every commit is flushed to the disk before it returns; it survives a power loss too.</summary>
    Full,
}

/// <summary>
/// Settings for every SQLite connection the process opens (connection pooling keeps them between uses):
/// the durability chosen for the database (<see cref="SetDurability"/>, default <see cref="SqliteDurability.Normal"/>);
/// a busy timeout, so that a writer from another process is waited for by SQLite in steps of milliseconds instead of
/// surfacing SQLITE_BUSY; memory-mapped reads and a larger page cache for lookups over a large directory.
/// Every context on the same database must use this interceptor, so that all its connections agree.
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    private const string Common = "PRAGMA busy_timeout = 10000; PRAGMA mmap_size = 268435456; PRAGMA cache_size = -16384;";
    private static readonly ConcurrentDictionary<string, SqliteDurability> Durability = new(StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<object, object> Configured = [];

    /// <summary>The one instance to add to every SQLite context.</summary>
    public static SqliteConnectionSettings Instance { get; } = new();

    private SqliteConnectionSettings()
    {
    }

    /// <summary>Chooses the durability of the database the connection string opens, for every connection opened after.</summary>
    public static void SetDurability(string connectionString, SqliteDurability durability) =>
        Durability[SqliteDatabaseKey.Of(connectionString)] = durability;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!FirstOpen(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = PragmasFor(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!FirstOpen(connection))
        {
            return;
        }

        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = PragmasFor(connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether this physical connection is opened for the first time. Pooled connections keep their native handle (and the
    /// settings made on it), so the settings are made once per handle, not on every open.
    /// </summary>
    private static bool FirstOpen(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle })
        {
            return true;
        }

        var first = false;
        Configured.GetValue(handle, _ =>
        {
            first = true;
            return new object();
        });
        return first;
    }

    private static string PragmasFor(DbConnection connection) =>
        Durability.GetValueOrDefault(SqliteDatabaseKey.Of(connection.ConnectionString)) == SqliteDurability.Full
            ? Common + " PRAGMA synchronous = FULL;"
            : Common + " PRAGMA synchronous = NORMAL;";
}
