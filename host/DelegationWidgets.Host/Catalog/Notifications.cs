using System.Net.Mail;
using System.Text;
using DelegationWidgets.Connectors;
using DelegationWidgets.Host.Lookups;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Host.Catalog;

/// <summary>
/// E-mail about requests (settings under <c>Notifications</c>): <c>SmtpHost</c> and <c>SmtpPort</c> (plain SMTP to the
/// organisation's relay), <c>From</c>, and the intranet pages that hold <c>&lt;dw-approvals&gt;</c> and
/// <c>&lt;dw-requests&gt;</c>, which the links in the mails open. Without <c>SmtpHost</c> nothing is sent.
/// </summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 25;

    public string From { get; set; } = "delegationwidgets@localhost";

    /// <summary>The page with <c>&lt;dw-approvals&gt;</c>; links add <c>?approval={id}&amp;decision=approve|deny</c>.</summary>
    public string? ApprovalsPage { get; set; }

    /// <summary>The page with <c>&lt;dw-requests&gt;</c>; links add <c>?request={id}</c>.</summary>
    public string? RequestsPage { get; set; }
}

/// <summary>Sends one e-mail.</summary>
internal interface INotifier
{
    Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken);
}

/// <summary>Plain SMTP to the configured relay.</summary>
internal sealed class SmtpNotifier(IOptions<NotificationOptions> options) : INotifier
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient(options.Value.SmtpHost, options.Value.SmtpPort) { DeliveryMethod = SmtpDeliveryMethod.Network, EnableSsl = false };
        using var message = new MailMessage(options.Value.From, to, subject, body)
        {
            BodyEncoding = Encoding.UTF8, SubjectEncoding = Encoding.UTF8, BodyTransferEncoding = System.Net.Mime.TransferEncoding.EightBit,
        };
        await client.SendMailAsync(message, cancellationToken);
    }
}

/// <summary>
/// Tells approvers that a step waits for them (with links that open the approvals widget on that approval) and requesters
/// how their request ended. Sent after the state change was recorded; a mail that cannot be sent is logged, the request
/// goes on (the widgets show the same).
/// </summary>
internal sealed partial class RequestNotifications(
    IEnumerable<INotifier> notifiers,
    ConnectorRegistry connectors,
    CatalogStore catalog,
    IOptions<NotificationOptions> options,
    ILogger<RequestNotifications> logger)
{
    private readonly INotifier? _notifier = notifiers.FirstOrDefault();

    /// <summary>After a state change: mail the approvers of a step that now waits, or the requester when the request ended.</summary>
    public async Task AfterAsync(RequestRecord request, bool newStep, bool reminder = false)
    {
        if (_notifier is null)
        {
            return;
        }

        try
        {
            if (request.Status == RequestStatus.PendingApproval && newStep)
            {
                var step = RequestWorkflow.Steps(request)[request.StepIndex];
                var id = RequestWorkflow.ApprovalId(request, request.StepIndex);
                foreach (var approver in step.Approvers)
                {
                    await SendAsync(request, approver, $"{(reminder ? "Reminder: approval" : "Approval")} needed: {request.ProductTitle} for {request.BeneficiaryId}",
                        $"{request.RequesterName} asks for {request.ProductTitle} for {request.BeneficiaryId}.\n" +
                        $"Reason: {request.Reason}\nStep: {step.Title}{(step.DueAt is { } due ? $" (decide before {due:yyyy-MM-dd HH:mm} UTC)" : "")}\n\n" +
                        $"Approve: {Link(options.Value.ApprovalsPage, $"approval={Uri.EscapeDataString(id)}&decision=approve")}\n" +
                        $"Deny: {Link(options.Value.ApprovalsPage, $"approval={Uri.EscapeDataString(id)}&decision=deny")}\n");
                }
            }
            else if (request.Status is RequestStatus.Fulfilled or RequestStatus.Denied or RequestStatus.Failed or RequestStatus.Expired)
            {
                var word = request.Status switch
                {
                    RequestStatus.Fulfilled => "is ready",
                    RequestStatus.Denied => "was denied",
                    RequestStatus.Expired => "has ended",
                    _ => "could not be completed",
                };
                await SendAsync(request, request.RequesterSubject, $"Your request: {request.ProductTitle} {word}",
                    $"Your request for {request.ProductTitle} for {request.BeneficiaryId} {word}.\n" +
                    $"Details: {Link(options.Value.RequestsPage, $"request={Uri.EscapeDataString(request.Id)}")}\n");
            }
        }
        catch (Exception e) when (e is SmtpException or InvalidOperationException or IOException or ConnectorUnavailableException)
        {
            LogNotSent(logger, e, request.Id);
        }
    }

    private async Task SendAsync(RequestRecord request, string userId, string subject, string body)
    {
        var product = catalog.Find(request.ProductId);
        var directory = connectors.Get(product?.Fulfilment.Connector ?? "directory");
        var user = await directory.FindAsync(DirectoryObjectKind.User, userId, CancellationToken.None);
        if (user?.Attributes.GetValueOrDefault(DirectoryAttributes.Mail) is not { Length: > 0 } mail)
        {
            LogNoAddress(logger, request.Id, userId);
            return;
        }

        await _notifier!.SendAsync(mail, subject, body, CancellationToken.None);
    }

    private static string Link(string? page, string query) =>
        page is null ? "(open the approvals page of your intranet)" : page + (page.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;

    [LoggerMessage(Level = LogLevel.Warning, Message = "A notification about request {RequestId} could not be sent")]
    private static partial void LogNotSent(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: {UserId} has no e-mail address; not notified")]
    private static partial void LogNoAddress(ILogger logger, string requestId, string userId);
}
