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
    ILogger<MailOutbox> logger) : OutboxSender<MailRecord>(databases, changes, time, logger)
{
    private readonly INotifier? _notifier = notifiers.FirstOrDefault();

    protected override bool Enabled => notifications.Enabled;

    protected override DbSet<MailRecord> Items(DelegationDbContext db) => db.Mails;

    protected override Task WaitAsync(CancellationToken cancellationToken) => notifications.Outbox.WaitAsync(options.Value.Interval, cancellationToken);

    protected override async Task SendAsync(MailRecord mail, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow().UtcDateTime;
        await using var db = await Databases.CreateDbContextAsync(cancellationToken);
        var request = await db.Requests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == mail.RequestId, cancellationToken);
        string? failure = null, retry = null;
        try
        {
            var address = await AddressAsync(mail.RecipientId, request?.ProductId, cancellationToken);
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

        if (retry is not null)
        {
            mail.NextAttemptAt = now + Pause(options.Value.RetryFirstPause, mail.Attempts);
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
        await audit.AppendAsync(mail, ChangeWrite.Update, request is null ? [] :
            [RequestWorkflow.Event(request, "request.mail-failed", "failure", audit.Now(), $"The mail \"{mail.Subject}\" to {mail.RecipientId} could not be sent: {failure}", null)]);
    }

    /// <summary>The recipient's address as the directory of the request's product has it.</summary>
    private async Task<string?> AddressAsync(string recipientId, string? productId, CancellationToken cancellationToken)
    {
        var user = await connectors.Get(catalog.DirectoryOf(productId)).FindAsync(DirectoryObjectKind.User, recipientId, cancellationToken);
        return user?.Attributes.GetValueOrDefault(DirectoryAttributes.Mail) is { Length: > 0 } address ? address : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A mail about request {RequestId} to {RecipientId} was not sent (attempt {Attempt}); it is tried again later: {Reason}")]
    private static partial void LogWillRetry(ILogger logger, string requestId, string recipientId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A mail about request {RequestId} to {RecipientId} could not be sent: {Reason}")]
    private static partial void LogFailed(ILogger logger, string requestId, string recipientId, string reason);

}
