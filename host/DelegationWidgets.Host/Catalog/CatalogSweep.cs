using DelegationWidgets.Host.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Host.Catalog;

/// <summary>
/// Every <c>Catalog:SweepInterval</c>: approvers of steps due a reminder are reminded (once); approval steps whose time
/// ran out are escalated or denied; approved requests that
/// were not fulfilled (the host stopped in between) are fulfilled; time-bound access that ended is revoked. All by the
/// clock the host runs on, so a restart loses nothing: what is due is found again in the database.
/// </summary>
internal sealed partial class CatalogSweep(
    IDbContextFactory<DelegationDbContext> databases,
    RequestWorkflow workflow,
    TimeProvider time,
    IOptions<CatalogOptions> options,
    ILogger<CatalogSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        List<RequestRecord> due;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            var settled = now.AddMinutes(-1);
            due = await db.Requests.AsNoTracking()
                .Where(r => (r.Status == RequestStatus.PendingApproval && (r.DueAt < now || r.RemindAt < now))
                    || (r.Status == RequestStatus.Approved && r.UpdatedAt < settled)
                    || (r.Status == RequestStatus.Fulfilled && r.ExpiresAt < now))
                .OrderBy(r => r.UpdatedAt).Take(100).ToListAsync(cancellationToken);
        }

        foreach (var request in due)
        {
            switch (request.Status)
            {
                case RequestStatus.PendingApproval when request.DueAt < now:
                    await workflow.TimeOutAsync(request, cancellationToken);
                    break;
                case RequestStatus.PendingApproval:
                    await workflow.RemindAsync(request, cancellationToken);
                    break;
                case RequestStatus.Approved:
                    await workflow.FulfilIfApprovedAsync(request, workflow.ProductOf(request), cancellationToken);
                    break;
                default:
                    await workflow.RevokeAsync(request, cancellationToken);
                    break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The catalog sweep failed; it runs again shortly")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
