using System.Net.Mail;
using DelegationWidgets.Connectors;
using DelegationWidgets.Host.Audit;
using DelegationWidgets.Host.Changes;
using DelegationWidgets.Host.Lookups;
using DelegationWidgets.Host.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Host.Catalog;

/// <summary>
/// Sends the stored notification mails (<see cref="MailRecord"/>): each due mail is claimed through the database (one
/// instance sends it), the recipient's address is read from the directory, and the mail goes to the SMTP relay. A relay or
/// directory that is down, or an SMTP answer 4xx, is tried again after a growing pause (<c>Notifications:RetryFirstPause</c>,
/// doubling, at most an hour); nothing is dropped. A recipient without an address, an SMTP answer 5xx, or a mail still not
/// sent after <c>Notifications:GiveUpAfter</c> ends as failed: logged, and audited <c>request.mail-failed</c> on the request.
/// </summary>
internal sealed partial class MailOutbox(
    IDbContextFactory<DelegationDbContext> databases,
    IEnumerable<INotifier> notifiers,
    RequestNotifications notifications,
    ConnectorRegistry connectors,
    CatalogStore catalog,
    AuditChain audit,
    IOptions<NotificationOptions> options,
    IOptions<ChangesOptions> changes,
    TimeProvider time,
    ILogger<MailOutbox> logger) : BackgroundService
{
    private static readonly TimeSpan LongestPause = TimeSpan.FromHours(1);
    private readonly INotifier? _notifier = notifiers.FirstOrDefault();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_notifier is null)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await ClaimAsync(stoppingToken) is { } due)
                {
                    await SendAsync(due, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPassFailed(logger, e);
            }

            try
            {
                await notifications.WaitAsync(options.Value.Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<MailRecord?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var candidates = await db.Mails.AsNoTracking()
            .Where(m => m.Status == MailRecord.Pending && m.NextAttemptAt <= now && (m.LeaseExpiresAt == null || m.LeaseExpiresAt < now))
            .OrderBy(m => m.NextAttemptAt).Select(m => new { m.Id, m.LeaseExpiresAt }).Take(10).ToListAsync(cancellationToken);
        foreach (var candidate in candidates)
        {
            var claimed = await db.Mails
                .Where(m => m.Id == candidate.Id && m.Status == MailRecord.Pending && m.LeaseExpiresAt == candidate.LeaseExpiresAt)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.LeaseOwner, changes.Value.InstanceName)
                    .SetProperty(m => m.LeaseExpiresAt, now + changes.Value.LeaseDuration), cancellationToken);
            if (claimed == 1)
            {
                return await db.Mails.AsNoTracking().SingleAsync(m => m.Id == candidate.Id, cancellationToken);
            }
        }

        return null;
    }

    private async Task SendAsync(MailRecord mail, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        mail.Attempts++;
        mail.UpdatedAt = now;
        mail.LeaseOwner = null;
        mail.LeaseExpiresAt = null;
        string? failure = null, retry = null;
        try
        {
            var address = await AddressAsync(mail, cancellationToken);
            if (address is null)
            {
                failure = $"{mail.RecipientId} has no e-mail address in the directory.";
            }
            else
            {
                await _notifier!.SendAsync(address, mail.Subject, mail.Body, cancellationToken);
                mail.Status = MailRecord.Sent;
                mail.SentAt = now;
                mail.LastError = null;
            }
        }
        catch (SmtpException e) when ((int)e.StatusCode >= 500)
        {
            failure = $"The mail relay refused it: {e.Message}";
        }
        catch (Exception e) when (e is SmtpException or IOException or InvalidOperationException or ConnectorUnavailableException or TimeoutException)
        {
            retry = $"{e.GetType().Name}: {e.Message}";
        }

        if (retry is not null && now - mail.CreatedAt >= options.Value.GiveUpAfter)
        {
            failure = $"Still not sent after {mail.Attempts} attempts; the last answer: {retry}";
            retry = null;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (retry is not null)
        {
            var pause = TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, options.Value.RetryFirstPause.Ticks << Math.Min(mail.Attempts - 1, 20)));
            mail.NextAttemptAt = now + pause;
            mail.LastError = retry;
            db.Update(mail);
            await db.SaveChangesAsync(cancellationToken);
            LogWillRetry(logger, mail.RequestId, mail.RecipientId, mail.Attempts, retry);
            return;
        }

        if (failure is null)
        {
            db.Update(mail);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        mail.Status = MailRecord.Failed;
        mail.LastError = failure;
        LogFailed(logger, mail.RequestId, mail.RecipientId, failure);
        var request = await db.Requests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == mail.RequestId, cancellationToken);
        await audit.AppendAsync(mail, ChangeWrite.Update, request is null ? [] :
            [RequestWorkflow.Event(request, "request.mail-failed", "failure", audit.Now(), $"The mail \"{mail.Subject}\" to {mail.RecipientId} could not be sent: {failure}", null)]);
    }

    private async Task<string?> AddressAsync(MailRecord mail, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var productId = await db.Requests.AsNoTracking().Where(r => r.Id == mail.RequestId).Select(r => r.ProductId).SingleOrDefaultAsync(cancellationToken);
        var directory = connectors.Get(catalog.Find(productId ?? "")?.Fulfilment.Connector ?? "directory");
        var user = await directory.FindAsync(DirectoryObjectKind.User, mail.RecipientId, cancellationToken);
        return user?.Attributes.GetValueOrDefault(DirectoryAttributes.Mail) is { Length: > 0 } address ? address : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A mail about request {RequestId} to {RecipientId} was not sent (attempt {Attempt}); it is tried again later: {Reason}")]
    private static partial void LogWillRetry(ILogger logger, string requestId, string recipientId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A mail about request {RequestId} to {RecipientId} could not be sent: {Reason}")]
    private static partial void LogFailed(ILogger logger, string requestId, string recipientId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The mail outbox pass failed; it runs again shortly")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
