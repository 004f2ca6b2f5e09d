using System.Text.Json;
using DelegationWidgets.Host.Forms;
using DelegationWidgets.Host.Storage;
using DelegationWidgets.Sdk.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Host.Changes;

/// <summary>
/// Finishes changes that were recorded but not completed (the host crashed or was stopped mid-run): on start-up
/// and then every <see cref="ChangesOptions.RecoveryInterval"/>, each change whose lease has expired is claimed through the database (so only one
/// instance takes it) and run again. Connector actions are idempotent in effect, so a change that had already
/// reached the target ends as "no change". A change whose data held a secret cannot be re-run (the secret was
/// never stored): it ends as failed, with a message saying to submit it again.
/// </summary>
internal sealed partial class ChangeRecovery(
    IDbContextFactory<DelegationDbContext> databases,
    ChangeRunner runner,
    FormCatalog forms,
    TimeProvider time,
    IOptions<ChangesOptions> options,
    ILogger<ChangeRecovery> logger) : BackgroundService
{
    private readonly TimeSpan _lease = options.Value.LeaseDuration;
    private readonly string _instance = options.Value.InstanceName + ":recovery";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RecoveryInterval, time);
        do
        {
            try
            {
                await RecoverAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRecoveryFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Claims and finishes every change whose lease has expired; returns how many.</summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var recovered = 0;
        while (await ClaimAsync(cancellationToken) is { } change)
        {
            LogRecovering(logger, change.Id, change.Attempts);
            var form = forms.Find(change.FormId, change.FormVersion);
            if (form is null || change.HadSecrets)
            {
                var message = form is null
                    ? $"The change was interrupted and its form version ({change.FormId} v{change.FormVersion}) is no longer available, so it was not run again."
                    : "The change was interrupted before it finished. Its password was never stored, so it was not run again: check the account and submit the form again if needed.";
                await runner.CompleteAsync(change, ChangeStatus.Failed, "failure", "change.failed", [], new ChangeError("Interrupted", message, null));
            }
            else
            {
                await runner.RerunAsync(change, form);
            }

            recovered++;
        }

        return recovered;
    }

    private async Task<ChangeRecord?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var candidates = await db.Changes.AsNoTracking()
            .Where(c => (c.Status == ChangeStatus.Running || c.Status == ChangeStatus.Queued) && c.LeaseExpiresAt < now)
            .OrderBy(c => c.CreatedAt).Select(c => new { c.Id, c.LeaseExpiresAt }).Take(10).ToListAsync(cancellationToken);
        foreach (var candidate in candidates)
        {
            // The claim is one conditional update: only the instance that sees the old lease wins it.
            var claimed = await db.Changes
                .Where(c => c.Id == candidate.Id && c.LeaseExpiresAt == candidate.LeaseExpiresAt)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.LeaseOwner, _instance)
                    .SetProperty(c => c.LeaseExpiresAt, now + _lease)
                    .SetProperty(c => c.Attempts, c => c.Attempts + 1), cancellationToken);
            if (claimed == 1)
            {
                return await db.Changes.AsNoTracking().SingleAsync(c => c.Id == candidate.Id, cancellationToken);
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovering interrupted change {ChangeId} (attempt {Attempt})")]
    private static partial void LogRecovering(ILogger logger, string changeId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Change recovery failed; it is tried again shortly")]
    private static partial void LogRecoveryFailed(ILogger logger, Exception exception);
}
