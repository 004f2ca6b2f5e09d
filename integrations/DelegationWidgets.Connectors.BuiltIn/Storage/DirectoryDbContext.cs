using DelegationWidgets.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DelegationWidgets.Connectors.BuiltIn.Storage;

/// <summary>
/// The built-in directory's tables. They live in the host's SQLite file next to the host's own tables,
/// so every table is prefixed <c>directory_</c> and the migrations history is <see cref="MigrationsHistoryTable"/>.
/// </summary>
internal sealed class DirectoryDbContext(DbContextOptions<DirectoryDbContext> options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__directory_migrations";

    /// <summary>The index lookups walk in display-name order (named in the lookup SQL's INDEXED BY).</summary>
    public const string OrderedIndex = "IX_directory_objects_lookup_order";

    /// <summary>The covering search index of a column is named this prefix plus the column.</summary>
    public const string SearchIndexPrefix = "IX_directory_objects_search_";

    public DbSet<DirectoryEntry> Entries => Set<DirectoryEntry>();

    public DbSet<GroupMembership> GroupMembers => Set<GroupMembership>();

    public DbSet<MailboxPermission> MailboxPermissions => Set<MailboxPermission>();

    public DbSet<DeletedEntry> DeletedEntries => Set<DeletedEntry>();

    /// <summary>Applies the SQLite provider with this context's own migrations history table.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable(MigrationsHistoryTable))
            .AddInterceptors(SqliteConnectionSettings.Instance);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DirectoryEntry>(entry =>
        {
            entry.ToTable("directory_objects");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Kind).HasConversion<int>();
            entry.HasIndex(e => e.IdNorm).IsUnique();
            // Stable lookup order (display name, then id) and keyset paging within one kind. The index also
            // carries every column that searches and scope rules test, so a lookup that walks it in order filters
            // from the index alone and reads the table only for the rows of the page.
            entry.HasIndex(e => new
            {
                e.Kind, e.DisplayNameNorm, e.Id, e.IdNorm, e.GivenNameNorm, e.SurnameNorm, e.MailNorm,
                e.OrganizationalUnitNorm, e.DepartmentNorm, e.ManagerId, e.OwnerId,
            }).HasDatabaseName(OrderedIndex);
            // A prefix search reads, per searched column, the range of the prefix from an index that carries the
            // display order and every scope column, so the top of each range is found from the index alone.
            entry.HasIndex(e => new { e.Kind, e.GivenNameShared, e.GivenNameNorm, e.DisplayNameNorm, e.Id, e.OrganizationalUnitNorm, e.DepartmentNorm, e.ManagerId, e.OwnerId, e.IdNorm })
                .HasDatabaseName(SearchIndexPrefix + "GivenNameNorm");
            entry.HasIndex(e => new { e.Kind, e.SurnameNorm, e.DisplayNameNorm, e.Id, e.OrganizationalUnitNorm, e.DepartmentNorm, e.ManagerId, e.OwnerId, e.IdNorm })
                .HasDatabaseName(SearchIndexPrefix + "SurnameNorm");
            entry.HasIndex(e => new { e.Kind, e.IdShared, e.IdNorm, e.DisplayNameNorm, e.Id, e.OrganizationalUnitNorm, e.DepartmentNorm, e.ManagerId, e.OwnerId })
                .HasDatabaseName(SearchIndexPrefix + "IdNorm");
            entry.HasIndex(e => new { e.Kind, e.MailShared, e.MailNorm, e.DisplayNameNorm, e.Id, e.OrganizationalUnitNorm, e.DepartmentNorm, e.ManagerId, e.OwnerId, e.IdNorm })
                .HasDatabaseName(SearchIndexPrefix + "MailNorm");
            // Prefix searches are range scans on these.
            entry.HasIndex(e => e.DisplayNameNorm);
            entry.HasIndex(e => e.GivenNameNorm);
            entry.HasIndex(e => e.SurnameNorm);
            entry.HasIndex(e => e.MailNorm);
            // Scope rules.
            entry.HasIndex(e => e.OrganizationalUnitNorm);
            entry.HasIndex(e => e.DepartmentNorm);
            entry.HasIndex(e => e.ManagerId);
            entry.HasIndex(e => e.OwnerId);
        });

        modelBuilder.Entity<GroupMembership>(member =>
        {
            member.ToTable("directory_group_members");
            member.HasKey(m => new { m.GroupId, m.UserId });
            member.HasIndex(m => new { m.UserId, m.GroupId });
        });

        modelBuilder.Entity<MailboxPermission>(permission =>
        {
            permission.ToTable("directory_mailbox_permissions");
            permission.Property(p => p.Right).HasConversion<string>();
            permission.HasKey(p => new { p.MailboxId, p.UserId, p.Right });
            permission.HasIndex(p => p.UserId);
        });

        modelBuilder.Entity<DeletedEntry>(deleted =>
        {
            deleted.ToTable("directory_deleted_objects");
            deleted.HasKey(d => d.Id);
            // SQLite cannot order or compare DateTimeOffset natively; store the UTC ticks.
            deleted.Property(d => d.DeletedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        });
    }
}
