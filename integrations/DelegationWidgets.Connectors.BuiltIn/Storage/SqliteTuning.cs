using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DelegationWidgets.Connectors.BuiltIn.Storage;

/// <summary>
/// Per-connection settings for lookups over a large directory: memory-mapped reads (shared through the OS page
/// cache by every connection) and a larger page cache, so that a page of results sorted from a few thousand
/// scattered rows is read without a system call per row. Connection pooling keeps the settings between uses.
/// </summary>
internal sealed class SqliteTuning : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA mmap_size = 268435456; PRAGMA cache_size = -16384;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
