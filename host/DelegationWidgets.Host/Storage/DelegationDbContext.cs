using DelegationWidgets.Host.Audit;
using DelegationWidgets.Host.Catalog;
using DelegationWidgets.Host.Changes;
using DelegationWidgets.Host.Forms;
using DelegationWidgets.Host.Identity;
using DelegationWidgets.Host.Tickets;
using Microsoft.EntityFrameworkCore;

namespace DelegationWidgets.Host.Storage;

/// <summary>
/// The host's database: changes, the audit trail and its chain head, published form versions. One model for every
/// provider; each provider has its own subclass only so that it keeps its own migrations
/// (<see cref="SqliteDelegationDbContext"/>, <see cref="PostgresDelegationDbContext"/>).
/// </summary>
internal class DelegationDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ChangeRecord> Changes => Set<ChangeRecord>();

    public DbSet<AuditRecord> AuditEvents => Set<AuditRecord>();

    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();

    public DbSet<FormVersionRecord> FormVersions => Set<FormVersionRecord>();

    public DbSet<TokenUse> TokenUses => Set<TokenUse>();

    public DbSet<RequestRecord> Requests => Set<RequestRecord>();

    public DbSet<DeputyRecord> Deputies => Set<DeputyRecord>();

    public DbSet<CatalogVersionRecord> CatalogVersions => Set<CatalogVersionRecord>();

    public DbSet<TicketWriteBackRecord> TicketWriteBacks => Set<TicketWriteBackRecord>();

    public DbSet<MailRecord> Mails => Set<MailRecord>();

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
        modelBuilder.Entity<TokenUse>(e =>
        {
            e.ToTable("token_uses");
            e.HasKey(t => new { t.Issuer, t.Jti });
            e.HasIndex(t => t.ExpiresAt);
        });
        modelBuilder.Entity<RequestRecord>(e =>
        {
            e.ToTable("requests");
            e.HasKey(r => r.Id);
            e.HasIndex(r => new { r.Status, r.DueAt });
            e.HasIndex(r => new { r.Status, r.ExpiresAt });
            e.HasIndex(r => new { r.RequesterSubject, r.CreatedAt });
            e.HasIndex(r => new { r.BeneficiaryId, r.ProductId });
            e.HasIndex(r => new { r.Status, r.RemindAt });
            e.HasIndex(r => new { r.RequesterIssuer, r.RequesterSubject, r.IdempotencyKey }).IsUnique();
        });
        modelBuilder.Entity<CatalogVersionRecord>(e =>
        {
            e.ToTable("catalog_versions");
            e.HasKey(v => new { v.Kind, v.Id, v.Version });
        });
        modelBuilder.Entity<DeputyRecord>(e =>
        {
            e.ToTable("deputies");
            e.HasKey(d => d.Id);
            e.HasIndex(d => new { d.ApproverId, d.Until });
        });
        modelBuilder.Entity<TicketWriteBackRecord>(e =>
        {
            e.ToTable("ticket_writebacks");
            e.HasKey(w => w.Id);
            e.HasIndex(w => w.ChangeId);
            e.HasIndex(w => new { w.Status, w.NextAttemptAt });
        });
        modelBuilder.Entity<MailRecord>(e =>
        {
            e.ToTable("mail_outbox");
            e.HasKey(m => m.Id);
            e.HasIndex(m => m.RequestId);
            e.HasIndex(m => new { m.Status, m.NextAttemptAt });
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

/// <summary>The embedded default: a SQLite file (migrations in <c>Migrations/Sqlite</c>).</summary>
internal sealed class SqliteDelegationDbContext(DbContextOptions<SqliteDelegationDbContext> options) : DelegationDbContext(options);

/// <summary>PostgreSQL, shared by several host instances (migrations in <c>Migrations/PostgreSql</c>).</summary>
internal sealed class PostgresDelegationDbContext(DbContextOptions<PostgresDelegationDbContext> options) : DelegationDbContext(options);
