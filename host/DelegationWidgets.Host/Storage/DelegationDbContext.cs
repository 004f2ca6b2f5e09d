using DelegationWidgets.Host.Audit;
using DelegationWidgets.Host.Changes;
using DelegationWidgets.Host.Forms;
using Microsoft.EntityFrameworkCore;

namespace DelegationWidgets.Host.Storage;

/// <summary>The host's database: changes, the audit trail and its chain head.</summary>
internal sealed class DelegationDbContext(DbContextOptions<DelegationDbContext> options) : DbContext(options)
{
    public DbSet<ChangeRecord> Changes => Set<ChangeRecord>();

    public DbSet<AuditRecord> AuditEvents => Set<AuditRecord>();

    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();

    public DbSet<FormVersionRecord> FormVersions => Set<FormVersionRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ChangeRecord>(e =>
        {
            e.ToTable("changes");
            e.HasKey(c => c.Id);
            e.HasIndex(c => new { c.ActorIssuer, c.ActorSubject, c.IdempotencyKey }).IsUnique();
            e.HasIndex(c => new { c.Status, c.LeaseExpiresAt });
        });
        modelBuilder.Entity<AuditRecord>(e =>
        {
            e.ToTable("audit_events");
            e.HasKey(a => a.Sequence);
            e.Property(a => a.Sequence).ValueGeneratedNever();
            e.HasIndex(a => new { a.ActorSubject, a.Sequence });
            e.HasIndex(a => new { a.TargetId, a.Sequence });
            e.HasIndex(a => new { a.FormId, a.Sequence });
            e.HasIndex(a => new { a.Ticket, a.Sequence });
            e.HasIndex(a => a.OccurredAt);
        });
        modelBuilder.Entity<FormVersionRecord>(e =>
        {
            e.ToTable("form_versions");
            e.HasKey(f => new { f.FormId, f.Version });
        });
        modelBuilder.Entity<AuditHead>(e =>
        {
            e.ToTable("audit_head");
            e.HasKey(h => h.Id);
            e.Property(h => h.Id).ValueGeneratedNever();
            e.Property(h => h.Sequence).IsConcurrencyToken();
        });
    }
}
