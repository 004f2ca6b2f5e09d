using System.Text.Json;
using DelegationWidgets.Connectors.Itsm;
using DelegationWidgets.Host.Audit;
using DelegationWidgets.Host.Changes;
using DelegationWidgets.Host.Forms;
using DelegationWidgets.Host.Storage;
using DelegationWidgets.Sdk.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Host.Tickets;

/// <summary>
/// Sends the outcomes of changes to their tickets: each due write-back is claimed through the database (so one instance
/// sends it), sent, and ended as done (audited <c>ticket.written</c>) or, when the ticket system refused it for good, as
/// failed (audited <c>ticket.write-failed</c>, shown on the change). A system that is unavailable is tried again with
/// growing pauses (<c>Tickets:WriteBackFirstPause</c>, default 5 s, doubling, at most an hour); nothing is dropped. Woken at once when a change ends, and every
/// <c>Tickets:WriteBackInterval</c> (default 10 s) otherwise.
/// </summary>
internal sealed partial class TicketWriteBackService(
    IDbContextFactory<DelegationDbContext> databases,
    TicketSystems systems,
    FormCatalog forms,
    AuditChain audit,
    IOptions<ChangesOptions> changes,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<TicketWriteBackService> logger) : OutboxSender<TicketWriteBackRecord>(databases, changes, time, logger)
{
    private readonly TimeSpan _firstPause = configuration.GetValue($"{TicketSystems.Section}:WriteBackFirstPause", TimeSpan.FromSeconds(5));
    private readonly TimeSpan _interval = configuration.GetValue($"{TicketSystems.Section}:WriteBackInterval", TimeSpan.FromSeconds(10));
    private readonly string? _auditLink = configuration[$"{TicketSystems.Section}:AuditLink"];

    protected override DbSet<TicketWriteBackRecord> Items(DelegationDbContext db) => db.TicketWriteBacks;

    protected override Task WaitAsync(CancellationToken cancellationToken) => systems.Outbox.WaitAsync(_interval, cancellationToken);

    protected override async Task SendAsync(TicketWriteBackRecord writeBack, CancellationToken cancellationToken)
    {
        await using var db = await Databases.CreateDbContextAsync(cancellationToken);
        var change = await db.Changes.AsNoTracking().SingleAsync(c => c.Id == writeBack.ChangeId, cancellationToken);
        var now = Time.GetUtcNow().UtcDateTime;
        var system = systems.Find(writeBack.System);
        try
        {
            if (system is null)
            {
                throw new TicketWriteBackRefusedException($"The ticket system '{writeBack.System}' is no longer configured.");
            }

            await system.WriteBackAsync(new TicketReference(writeBack.TicketNumber, writeBack.TicketTable, writeBack.TicketId), NoteOf(change), cancellationToken);
            writeBack.Status = TicketWriteBackRecord.Done;
            writeBack.LastError = null;
            await audit.AppendAsync(writeBack, ChangeWrite.Update,
                [ChangeMapping.Event(change, "ticket.written", "success", audit.Now(), $"The outcome was written to {writeBack.TicketNumber} in {writeBack.System} (attempt {writeBack.Attempts}).")]);
        }
        catch (TicketSystemUnavailableException e)
        {
            await RetryLaterAsync(db, writeBack, now, e.Message, e.RetryAt, cancellationToken);
        }
        catch (TicketWriteBackRefusedException e)
        {
            writeBack.Status = TicketWriteBackRecord.Failed;
            writeBack.LastError = e.Message;
            await audit.AppendAsync(writeBack, ChangeWrite.Update,
                [ChangeMapping.Event(change, "ticket.write-failed", "failure", audit.Now(), $"The outcome could not be written to {writeBack.TicketNumber} in {writeBack.System}: {e.Message}")]);
            LogRefused(logger, writeBack.ChangeId, writeBack.TicketNumber, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Anything else (the note may have been written, the database hiccupped): kept, tried again with the same pauses.
            await RetryLaterAsync(db, writeBack, now, $"{e.GetType().Name}: {e.Message}", null, cancellationToken);
        }
    }

    /// <summary>Transient: the write-back stays pending and is tried again after a growing pause; no audit event until it ends.</summary>
    private async Task RetryLaterAsync(DelegationDbContext db, TicketWriteBackRecord writeBack, DateTime now, string reason, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        var pause = Pause(_firstPause, writeBack.Attempts);
        writeBack.Status = TicketWriteBackRecord.Pending;
        writeBack.NextAttemptAt = retryAt?.UtcDateTime is { } asked && asked > now + pause ? asked : now + pause;
        writeBack.LastError = reason;
        db.Update(writeBack);
        await db.SaveChangesAsync(cancellationToken);
        LogWillRetry(logger, writeBack.ChangeId, writeBack.TicketNumber, writeBack.Attempts, reason);
    }

    private TicketNote NoteOf(ChangeRecord change)
    {
        var diffs = JsonSerializer.Deserialize<List<AttributeDiff>>(change.ChangesJson, JsonSerializerOptions.Web) ?? [];
        var error = change.ErrorJson is null ? null : JsonSerializer.Deserialize<ChangeError>(change.ErrorJson, JsonSerializerOptions.Web);
        var summary = change.Status switch
        {
            ChangeStatus.Succeeded when diffs.Count == 0 => "Nothing needed to change.",
            ChangeStatus.Succeeded => string.Join("; ", diffs.Select(d => $"{d.ObjectId} {d.Attribute}: {d.Before ?? "(none)"} → {d.After ?? "(none)"}")),
            _ => error?.Message ?? "The change did not complete.",
        };
        var outcome = change.Status switch
        {
            ChangeStatus.Succeeded => TicketOutcome.Succeeded,
            ChangeStatus.Rejected => TicketOutcome.Rejected,
            _ => TicketOutcome.Failed,
        };
        var title = forms.Find(change.FormId, change.FormVersion)?.Definition.Title ?? change.FormId;
        var link = _auditLink?.Replace("{changeId}", Uri.EscapeDataString(change.Id), StringComparison.Ordinal);
        return new TicketNote(change.Id, title, outcome, summary, link, change.ActorName);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing change {ChangeId} back to ticket {Ticket} failed (attempt {Attempt}); it is tried again later: {Reason}")]
    private static partial void LogWillRetry(ILogger logger, string changeId, string ticket, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing change {ChangeId} back to ticket {Ticket} was refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string changeId, string ticket, string reason);

}
