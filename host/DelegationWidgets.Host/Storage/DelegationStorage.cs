using DelegationWidgets.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DelegationWidgets.Host.Storage;

/// <summary>Registers the host's database for the configured provider and prepares it at start-up.</summary>
internal static class DelegationStorage
{
    /// <summary>
    /// Registers <see cref="IDbContextFactory{DelegationDbContext}"/> for the configured provider, and the write gate the
    /// audit trail takes: for SQLite the one every writer of the file in this process shares; for PostgreSQL one of its
    /// own (it only groups this instance's writes; other instances are kept in line by the database).
    /// </summary>
    public static (StorageProvider Provider, string ConnectionString, SemaphoreSlim WriteGate) AddDelegationStorage(this WebApplicationBuilder builder)
    {
        var provider = StorageOptions.Provider(builder.Configuration);
        var connectionString = StorageOptions.ConnectionString(builder.Configuration);
        var services = builder.Services;
        switch (provider)
        {
            case StorageProvider.PostgreSQL:
                services.AddPooledDbContextFactory<PostgresDelegationDbContext>(o => o.UseNpgsql(connectionString));
                services.AddSingleton<IDbContextFactory<DelegationDbContext>>(sp =>
                    new ProviderContextFactory<PostgresDelegationDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresDelegationDbContext>>()));
                return (provider, connectionString, new SemaphoreSlim(1, 1));
            default:
                SqliteConnectionSettings.SetDurability(connectionString, StorageOptions.Durability(builder.Configuration));
                services.AddPooledDbContextFactory<SqliteDelegationDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(SqliteConnectionSettings.Instance));
                services.AddSingleton<IDbContextFactory<DelegationDbContext>>(sp =>
                    new ProviderContextFactory<SqliteDelegationDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteDelegationDbContext>>()));
                return (provider, connectionString, SqliteWriteGate.For(connectionString));
        }
    }

    /// <summary>
    /// Creates the database's folder (SQLite) and applies the migrations. Instances that start together take turns:
    /// EF Core holds a migration lock in the database while it migrates.
    /// </summary>
    public static async Task MigrateAsync(IDbContextFactory<DelegationDbContext> databases, string connectionString)
    {
        await using var db = await databases.CreateDbContextAsync();
        if (db.Database.IsSqlite())
        {
            EnsureDataFolder(connectionString);
        }

        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
    }

    /// <summary>Creates the folder of a SQLite file, so the embedded default runs in an empty folder.</summary>
    public static void EnsureDataFolder(string sqliteConnectionString)
    {
        var builder = new SqliteConnectionStringBuilder(sqliteConnectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
    }

    /// <summary>Hands out the provider's context as the model's base type, which is what the rest of the host asks for.</summary>
    internal sealed class ProviderContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<DelegationDbContext>
        where TContext : DelegationDbContext
    {
        public DelegationDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<DelegationDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}
