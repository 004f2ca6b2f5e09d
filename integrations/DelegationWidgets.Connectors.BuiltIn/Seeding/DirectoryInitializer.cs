using System.Data.Common;
using System.Globalization;
using DelegationWidgets.Connectors.BuiltIn.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Connectors.BuiltIn.Seeding;

/// <summary>
/// Start-up step of the built-in directory, run as a hosted service (so before the server accepts requests):
/// applies the EF Core migrations (history table <c>__directory_migrations</c>), switches the file to WAL so
/// lookups keep running while an action writes, and seeds the demo directory once when it is empty.
/// </summary>
internal sealed partial class DirectoryInitializer(
    IDbContextFactory<DirectoryDbContext> contexts,
    IOptions<BuiltInDirectoryOptions> options,
    ILogger<DirectoryInitializer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);

        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default): a second instance starting at the same time waits
        // here and then sees the seeded rows, so the seed runs once.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (await db.Entries.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var userCount = options.Value.UserCount;
        var seed = DirectorySeed.Create(userCount);
        var connection = db.Database.GetDbConnection();
        var dbTransaction = transaction.GetDbTransaction();
        await InsertEntriesAsync(connection, dbTransaction, seed.Entries, cancellationToken).ConfigureAwait(false);
        await InsertMembershipsAsync(connection, dbTransaction, seed.Memberships, cancellationToken).ConfigureAwait(false);
        await InsertPermissionsAsync(connection, dbTransaction, seed.MailboxPermissions, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        // Fresh statistics let SQLite's planner choose between the search indexes and the ordered index.
        await db.Database.ExecuteSqlRawAsync(
            "ANALYZE \"directory_objects\"; ANALYZE \"directory_group_members\"; ANALYZE \"directory_mailbox_permissions\";",
            cancellationToken).ConfigureAwait(false);
        LogSeeded(logger, seed.Entries.Count, userCount);
    }

    // The seed writes up to hundreds of thousands of rows; prepared ADO.NET commands in one transaction do
    // that in seconds where change tracking would take minutes. Column names are the EF model's.
    private static async Task InsertEntriesAsync(DbConnection connection, DbTransaction transaction, List<DirectoryEntry> entries, CancellationToken cancellationToken)
    {
        string[] columns =
        [
            nameof(DirectoryEntry.Id), nameof(DirectoryEntry.IdNorm), nameof(DirectoryEntry.Kind), nameof(DirectoryEntry.DisplayName),
            nameof(DirectoryEntry.DisplayNameNorm), nameof(DirectoryEntry.OrganizationalUnit), nameof(DirectoryEntry.OrganizationalUnitNorm),
            nameof(DirectoryEntry.Department), nameof(DirectoryEntry.DepartmentNorm), nameof(DirectoryEntry.ManagerId), nameof(DirectoryEntry.OwnerId),
            nameof(DirectoryEntry.GivenName), nameof(DirectoryEntry.GivenNameNorm), nameof(DirectoryEntry.Surname), nameof(DirectoryEntry.SurnameNorm),
            nameof(DirectoryEntry.Mail), nameof(DirectoryEntry.MailNorm), nameof(DirectoryEntry.Phone), nameof(DirectoryEntry.Enabled),
            nameof(DirectoryEntry.Locked), nameof(DirectoryEntry.AccountExpires), nameof(DirectoryEntry.PasswordHash), nameof(DirectoryEntry.MustChangePassword),
            nameof(DirectoryEntry.IdShared), nameof(DirectoryEntry.GivenNameShared), nameof(DirectoryEntry.MailShared),
        ];
        await InsertAsync(connection, transaction, "directory_objects", columns, entries, e =>
        [
            e.Id, e.IdNorm, (int)e.Kind, e.DisplayName, e.DisplayNameNorm, e.OrganizationalUnit, e.OrganizationalUnitNorm,
            e.Department, e.DepartmentNorm, e.ManagerId, e.OwnerId, e.GivenName, e.GivenNameNorm, e.Surname, e.SurnameNorm,
            e.Mail, e.MailNorm, e.Phone, e.Enabled ? 1 : 0, e.Locked ? 1 : 0,
            e.AccountExpires?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.PasswordHash, e.MustChangePassword ? 1 : 0,
            e.IdShared, e.GivenNameShared, e.MailShared,
        ], cancellationToken).ConfigureAwait(false);
    }

    private static Task InsertMembershipsAsync(DbConnection connection, DbTransaction transaction, List<GroupMembership> memberships, CancellationToken cancellationToken) =>
        InsertAsync(connection, transaction, "directory_group_members",
            [nameof(GroupMembership.GroupId), nameof(GroupMembership.UserId)], memberships, m => [m.GroupId, m.UserId], cancellationToken);

    private static Task InsertPermissionsAsync(DbConnection connection, DbTransaction transaction, List<MailboxPermission> permissions, CancellationToken cancellationToken) =>
        InsertAsync(connection, transaction, "directory_mailbox_permissions",
            [nameof(MailboxPermission.MailboxId), nameof(MailboxPermission.UserId), nameof(MailboxPermission.Right)],
            permissions, p => [p.MailboxId, p.UserId, p.Right.ToString()], cancellationToken);

    private static async Task InsertAsync<T>(
        DbConnection connection,
        DbTransaction transaction,
        string table,
        string[] columns,
        List<T> rows,
        Func<T, object?[]> values,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Table and column names are compile-time constants of this class; every value is a parameter.
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
#pragma warning restore CA2100
        var parameters = columns.Select((_, i) =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            var rowValues = values(row);
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = rowValues[i] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the built-in directory with {Objects} objects ({Users} users).")]
    private static partial void LogSeeded(ILogger logger, int objects, int users);
}
