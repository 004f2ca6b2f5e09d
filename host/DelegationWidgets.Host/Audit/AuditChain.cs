using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DelegationWidgets.Host.Storage;
using DelegationWidgets.Sdk.Models;
using Microsoft.EntityFrameworkCore;

namespace DelegationWidgets.Host.Audit;

/// <summary>
/// The append-only, hash-chained audit trail. <see cref="CommitAsync"/> saves the state changes tracked by a
/// context together with their audit events in one transaction: each event gets the next sequence number
/// and the hash of the one before. Appends are serialised in this process and guarded by a concurrency
/// check on the chain head across processes, so the chain stays one line.
/// </summary>
internal sealed class AuditChain(TimeProvider time) : IDisposable
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";
    private const int MaxAttempts = 10;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The time to stamp on an event, truncated to whole microseconds so every database keeps it exactly.</summary>
    public DateTime Now()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
    }

    public async Task CommitAsync(DelegationDbContext db, IReadOnlyList<AuditRecord> events, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var head = await db.AuditHeads.SingleOrDefaultAsync(h => h.Id == 1, cancellationToken);
                if (head is null)
                {
                    head = new AuditHead();
                    db.AuditHeads.Add(head);
                }

                foreach (var record in events)
                {
                    record.Sequence = head.Sequence + 1;
                    record.PreviousHash = head.Hash;
                    record.Hash = HashOf(record);
                    head.Sequence = record.Sequence;
                    head.Hash = record.Hash;
                    if (db.Entry(record).State == EntityState.Detached)
                    {
                        db.AuditEvents.Add(record);
                    }
                }

                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return;
                }
                catch (DbUpdateException) when (attempt < MaxAttempts)
                {
                    if (!await HeadMovedAsync(db, head, cancellationToken))
                    {
                        throw;
                    }

                    // Another instance appended first: link to its head and try again.
                    db.Entry(head).State = EntityState.Detached;
                    foreach (var record in events)
                    {
                        db.Entry(record).State = EntityState.Detached;
                    }
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static async Task<bool> HeadMovedAsync(DelegationDbContext db, AuditHead head, CancellationToken cancellationToken)
    {
        var stored = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, cancellationToken);
        return stored is not null && stored.Hash != head.Hash;
    }

    /// <summary>SHA-256 (hex) over every field of the event and the previous hash.</summary>
    public static string HashOf(AuditRecord r)
    {
        var fields = new object?[]
        {
            r.Sequence, r.Id, r.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture), r.Type,
            r.ActorIssuer, r.ActorSubject, r.ActorName, r.ActorRoles, r.Via, r.Address, r.FormId, r.FormVersion,
            r.TargetId, r.ChangeId, r.Reason, r.Ticket, r.Outcome, r.Detail, r.ChangesJson, r.CorrelationId, r.PreviousHash,
        };
        var canonical = JsonSerializer.SerializeToUtf8Bytes(fields);
        return Convert.ToHexStringLower(SHA256.HashData(canonical));
    }

    /// <summary>Reads the whole chain in order and reports the first event whose link or hash does not match.</summary>
    public static async Task<AuditVerification> VerifyAsync(DelegationDbContext db, CancellationToken cancellationToken)
    {
        const int batch = 5000;
        long checkedCount = 0;
        long expectedSequence = 1;
        var previousHash = GenesisHash;
        long after = 0;
        while (true)
        {
            var page = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(batch).ToListAsync(cancellationToken);
            foreach (var e in page)
            {
                checkedCount++;
                if (e.Sequence != expectedSequence)
                {
                    return Broken(checkedCount, expectedSequence, $"Event {expectedSequence} is missing: the next stored event is {e.Sequence}.");
                }

                if (e.PreviousHash != previousHash)
                {
                    return Broken(checkedCount, e.Sequence, $"Event {e.Sequence} does not link to the event before it (its previous hash differs).");
                }

                if (HashOf(e) != e.Hash)
                {
                    return Broken(checkedCount, e.Sequence, $"Event {e.Sequence} was altered: its content does not match its hash.");
                }

                previousHash = e.Hash;
                expectedSequence++;
            }

            if (page.Count < batch)
            {
                break;
            }

            after = page[^1].Sequence;
        }

        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, cancellationToken);
        if (head is not null && (head.Sequence != expectedSequence - 1 || head.Hash != previousHash))
        {
            return Broken(checkedCount, expectedSequence, $"The chain ends at event {expectedSequence - 1}, but event {head.Sequence} was written: events at the end were removed.");
        }

        return new AuditVerification(true, checkedCount, null, $"All {checkedCount} events are intact.");
    }

    private static AuditVerification Broken(long count, long sequence, string message) => new(false, count, sequence, message);
}
