using DelegationWidgets.Host.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Host.Storage;

/// <summary>
/// A record of an outbox: something to send after a state change, recorded in the same transaction; pending until it is
/// sent or ends for good, claimed by one instance at a time.
/// </summary>
internal abstract class OutboxRecord
{
    public const string Pending = "pending";
    public const string Failed = "failed";

    public required string Id { get; init; }

    public required string Status { get; set; }

    public int Attempts { get; set; }

    public required DateTime NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>The instance sending it now, and until when (an instance that dies leaves it to the others).</summary>
    public string? LeaseOwner { get; set; }

    public DateTime? LeaseExpiresAt { get; set; }

    public required DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>Wakes an outbox's sender when something was recorded for it; else it looks every interval.</summary>
internal sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0);

    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Waits until <see cref="Wake"/> is called or the interval passes.</summary>
    public Task<bool> WaitAsync(TimeSpan interval, CancellationToken cancellationToken) => _wake.WaitAsync(interval, cancellationToken);

    public void Dispose() => _wake.Dispose();
}

/// <summary>
/// Sends an outbox (ticket write-backs, notification mails): woken when something was recorded and every interval
/// otherwise, it claims each due item through the database (one conditional update, so one instance sends it; an instance
/// that dies leaves it to the others when its lease ends) and hands it to <see cref="SendAsync"/>, which ends it or asks
/// for another attempt after <see cref="Pause"/>.
/// </summary>
internal abstract partial class OutboxSender<T>(
    IDbContextFactory<DelegationDbContext> databases, IOptions<ChangesOptions> changes, TimeProvider time, ILogger logger) : BackgroundService
    where T : OutboxRecord
{
    private static readonly TimeSpan LongestPause = TimeSpan.FromHours(1);

    protected IDbContextFactory<DelegationDbContext> Databases { get; } = databases;

    protected TimeProvider Time { get; } = time;

    /// <summary>The pause before the next attempt: the first pause, doubling with each attempt made, at most an hour.</summary>
    public static TimeSpan Pause(TimeSpan first, int attempts) => TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, first.Ticks << Math.Clamp(attempts - 1, 0, 20)));

    /// <summary>False when there is nothing to send with (e.g. no mail relay configured): the service then does nothing.</summary>
    protected virtual bool Enabled => true;

    protected abstract DbSet<T> Items(DelegationDbContext db);

    /// <summary>Waits until something was recorded, or the interval passes.</summary>
    protected abstract Task WaitAsync(CancellationToken cancellationToken);

    /// <summary>Sends one claimed item (its attempt counted, its lease let go) and records how it ended (or when it is tried again).</summary>
    protected abstract Task SendAsync(T item, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await ClaimAsync(stoppingToken) is { } due)
                {
                    due.Attempts++;
                    due.UpdatedAt = Time.GetUtcNow().UtcDateTime;
                    due.LeaseOwner = null;
                    due.LeaseExpiresAt = null;
                    await SendAsync(due, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPassFailed(logger, e, typeof(T).Name);
            }

            try
            {
                await WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<T?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var db = await Databases.CreateDbContextAsync(cancellationToken);
        var now = Time.GetUtcNow().UtcDateTime;
        var (instance, lease) = (changes.Value.InstanceName, changes.Value.LeaseDuration);
        var candidates = await Items(db).AsNoTracking()
            .Where(i => i.Status == OutboxRecord.Pending && i.NextAttemptAt <= now && (i.LeaseExpiresAt == null || i.LeaseExpiresAt < now))
            .OrderBy(i => i.NextAttemptAt).Select(i => new { i.Id, i.LeaseExpiresAt }).Take(10).ToListAsync(cancellationToken);
        foreach (var candidate in candidates)
        {
            var claimed = await Items(db)
                .Where(i => i.Id == candidate.Id && i.Status == OutboxRecord.Pending && i.LeaseExpiresAt == candidate.LeaseExpiresAt)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.LeaseOwner, instance)
                    .SetProperty(i => i.LeaseExpiresAt, now + lease), cancellationToken);
            if (claimed == 1)
            {
                return await Items(db).AsNoTracking().SingleAsync(i => i.Id == candidate.Id, cancellationToken);
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass over the outbox of {Kind} failed; it runs again shortly")]
    private static partial void LogPassFailed(ILogger logger, Exception exception, string kind);
}
