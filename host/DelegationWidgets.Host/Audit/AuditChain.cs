using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using DelegationWidgets.Host.Storage;
using DelegationWidgets.Sdk.Models;
using Microsoft.EntityFrameworkCore;

namespace DelegationWidgets.Host.Audit;

/// <summary>How a write unit stores the entity whose state changed.</summary>
internal enum ChangeWrite
{
    /// <summary>No entity (an audit event alone, e.g. a refused attempt).</summary>
    None,

    /// <summary>A new entity (a change record, a published form version).</summary>
    Insert,

    /// <summary>An existing entity, every column updated.</summary>
    Update,
}

/// <summary>
/// The append-only, hash-chained audit trail and the one writer of what it records. <see cref="AppendAsync"/> saves a
/// state change (a change record or a published form version inserted or updated) together with its audit events in one transaction: each event
/// gets the next sequence number and the hash of the one before. Writes that arrive while one is being saved are
/// committed together in the next transaction (group commit), so concurrent submissions share the cost of a commit.
/// A unit that fails (e.g. a duplicate idempotency key) fails alone: a failed batch is retried one unit at a time.
/// Appends hold the write gate every writer of the same database in this process shares (for SQLite:
/// <c>SqliteWriteGate</c>); the head row is guarded by its sequence number, so the chain stays one line also when
/// another process appends.
/// </summary>
internal sealed partial class AuditChain : IAsyncDisposable
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";
    private const int MaxAttempts = 10;
    private const int MaxBatch = 64;

    private readonly IDbContextFactory<DelegationDbContext> _databases;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeGate;
    private readonly ILogger<AuditChain> _logger;
    private readonly Channel<Unit> _queue = Channel.CreateUnbounded<Unit>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    // The head as this process last committed it, used only by the writer loop. The update of the head row is guarded
    // by its sequence number, so a head moved by another process is noticed and re-read.
    private (long Sequence, string Hash)? _head;

    public AuditChain(IDbContextFactory<DelegationDbContext> databases, TimeProvider time, SemaphoreSlim writeGate, ILogger<AuditChain> logger)
    {
        _databases = databases;
        _time = time;
        _writeGate = writeGate;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>The time to stamp on an event, truncated to whole microseconds so every database keeps it exactly.</summary>
    public DateTime Now()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
    }

    /// <summary>
    /// Stores the entity whose state changed (if any) and appends the events, atomically; completes when committed.
    /// <paramref name="alsoInsert"/> are outbox records that belong to the same state change (a ticket write-back, mails).
    /// </summary>
    public Task AppendAsync(object? entity, ChangeWrite write, IReadOnlyList<AuditRecord> events, IReadOnlyCollection<OutboxRecord>? alsoInsert = null)
    {
        var unit = new Unit(entity, write, events, alsoInsert, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(unit))
        {
            throw new InvalidOperationException("The audit trail is closed.");
        }

        return unit.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private sealed record Unit(object? Entity, ChangeWrite Write, IReadOnlyList<AuditRecord> Events, IReadOnlyCollection<OutboxRecord>? AlsoInsert, TaskCompletionSource Done);

    private async Task WriteLoopAsync()
    {
        var batch = new List<Unit>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var unit))
            {
                batch.Add(unit);
            }

            await _writeGate.WaitAsync();
            try
            {
                await SaveAsync(batch);
                batch.ForEach(u => u.Done.TrySetResult());
            }
            catch (Exception) when (batch.Count > 1)
            {
                // One unit spoiled the transaction: save them one by one, so each fails or succeeds on its own.
                foreach (var unit in batch)
                {
                    await SaveOneAsync(unit);
                }
            }
            catch (Exception e)
            {
                batch[0].Done.TrySetException(e);
            }
            finally
            {
                _writeGate.Release();
            }

            batch.Clear();
        }
    }

    private async Task SaveOneAsync(Unit unit)
    {
        try
        {
            await SaveAsync([unit]);
            unit.Done.TrySetResult();
        }
        catch (Exception e)
        {
            unit.Done.TrySetException(e);
        }
    }

    private async Task SaveAsync(IReadOnlyList<Unit> units)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await _databases.CreateDbContextAsync();
            AuditHead? head;
            if (_head is { } known)
            {
                head = new AuditHead { Sequence = known.Sequence, Hash = known.Hash };
                db.AuditHeads.Attach(head);
            }
            else
            {
                head = await db.AuditHeads.SingleOrDefaultAsync(h => h.Id == 1);
                if (head is null)
                {
                    head = new AuditHead();
                    db.AuditHeads.Add(head);
                }
            }

            var linkedTo = head.Hash;
            foreach (var unit in units)
            {
                switch (unit.Write)
                {
                    case ChangeWrite.Insert:
                        db.Add(unit.Entity!);
                        break;
                    case ChangeWrite.Update:
                        db.Update(unit.Entity!);
                        break;
                }

                db.AddRange(unit.AlsoInsert ?? []);

                foreach (var record in unit.Events)
                {
                    record.Sequence = head.Sequence + 1;
                    record.PreviousHash = head.Hash;
                    record.Hash = HashOf(record);
                    head.Sequence = record.Sequence;
                    head.Hash = record.Hash;
                    db.AuditEvents.Add(record);
                }
            }

            try
            {
                await db.SaveChangesAsync();
                _head = (head.Sequence, head.Hash);
                return;
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                _head = null;
                if (!await HeadMovedAsync(linkedTo))
                {
                    throw;
                }

                LogHeadMoved(_logger, attempt);
            }
        }
    }

    /// <summary>Whether the stored head is no longer the one the events were linked to (another process appended first).</summary>
    private async Task<bool> HeadMovedAsync(string linkedTo)
    {
        await using var db = await _databases.CreateDbContextAsync();
        var stored = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1);
        return stored is not null && stored.Hash != linkedTo;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The audit chain head was moved by another writer; linking again (attempt {Attempt})")]
    private static partial void LogHeadMoved(ILogger logger, int attempt);

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
