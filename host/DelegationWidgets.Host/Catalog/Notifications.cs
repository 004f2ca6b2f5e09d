using System.Net.Mail;
using System.Text;
using DelegationWidgets.Host.Storage;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Host.Catalog;

/// <summary>
/// E-mail about requests (settings under <c>Notifications</c>): <c>SmtpHost</c> and <c>SmtpPort</c> (plain SMTP to the
/// organisation's relay), <c>From</c>, and the intranet pages that hold <c>&lt;dw-approvals&gt;</c> and
/// <c>&lt;dw-requests&gt;</c>, which the links in the mails open; the language, and how mails that fail are retried.
/// Without <c>SmtpHost</c> nothing is sent.
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

    /// <summary>The language of the mails: <c>en</c> (default) or <c>nl</c>.</summary>
    public string Language { get; set; } = "en";

    /// <summary>The pause before the first retry of a mail that could not be sent; it doubles each time, up to an hour (default 30 s).</summary>
    public TimeSpan RetryFirstPause { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A mail still not sent this long after it was written ends as failed (default 2 days).</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How often the outbox looks for due mails besides being woken (default 10 s).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);
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
/// Writes the mails about a request's state change: to approvers when a step waits for them (with links that open the
/// approvals widget on that approval, and the request's field values), to the requester when the request ended. The mails
/// are stored with the state change (<see cref="MailRecord"/>) and sent by <see cref="MailOutbox"/>; without an SMTP relay
/// configured there are none. Written in <c>Notifications:Language</c> (<c>en</c> or <c>nl</c>).
/// </summary>
internal sealed class RequestNotifications(IEnumerable<INotifier> notifiers, CatalogStore catalog, IOptions<NotificationOptions> options) : IDisposable
{
    public bool Enabled { get; } = notifiers.Any();

    /// <summary>The mails after a state change: the approvers of a step that now waits, or the requester when the request ended.</summary>
    /// <param name="deputies">Deputies of the step's approvers on leave now: told as the approvers are.</param>
    public List<MailRecord> Mails(RequestRecord request, DateTime now, bool newStep, bool reminder = false, IReadOnlyCollection<string>? deputies = null)
    {
        var mails = new List<MailRecord>();
        if (!Enabled)
        {
            return mails;
        }

        var texts = ServerTexts.For(options.Value.Language);
        var product = catalog.Find(request.ProductId, request.ProductVersion);
        var title = product?.TitleIn(texts) ?? request.ProductTitle;
        if (request.Status == RequestStatus.PendingApproval && newStep)
        {
            var step = RequestWorkflow.Steps(request)[request.StepIndex];
            var stepTitle = (product is null ? null : catalog.Workflow(product.Workflow, request.WorkflowVersion)?.StepTitleIn(texts, step.Step)) ?? step.Title;
            var id = Uri.EscapeDataString(RequestWorkflow.ApprovalId(request, request.StepIndex));
            var details = ProductForms.Details(product, request.DataJson, texts);
            var body = new StringBuilder()
                .Append(texts.MailAsks(request.RequesterName, title, request.BeneficiaryId)).Append('\n')
                .Append(texts.MailReason).Append(": ").Append(request.Reason).Append('\n');
            foreach (var detail in details)
            {
                body.Append(detail.Label).Append(": ").Append(detail.Value).Append('\n');
            }

            body.Append(texts.MailStep).Append(": ").Append(stepTitle);
            if (step.DueAt is { } due)
            {
                body.Append(' ').Append(texts.MailDecideBefore(due));
            }

            body.Append("\n\n")
                .Append(texts.MailApprove).Append(": ").Append(Link(options.Value.ApprovalsPage, $"approval={id}&decision=approve", texts)).Append('\n')
                .Append(texts.MailDeny).Append(": ").Append(Link(options.Value.ApprovalsPage, $"approval={id}&decision=deny", texts)).Append('\n');
            mails.AddRange(step.Approvers.Concat(deputies ?? []).Distinct(StringComparer.OrdinalIgnoreCase).Select(approver =>
                Mail(request, approver, texts.MailApprovalSubject(reminder, title, request.BeneficiaryId), body.ToString(), now)));
        }
        else if (request.Status is RequestStatus.Fulfilled or RequestStatus.Denied or RequestStatus.Failed or RequestStatus.Expired)
        {
            mails.Add(Mail(request, request.RequesterSubject, texts.MailEndedSubject(request.Status, title),
                texts.MailEnded(request.Status, title, request.BeneficiaryId) + "\n" +
                $"{texts.MailDetails}: {Link(options.Value.RequestsPage, $"request={Uri.EscapeDataString(request.Id)}", texts)}\n", now));
        }

        return mails;
    }

    /// <summary>Woken when mails were stored, so the outbox sends them at once.</summary>
    public OutboxSignal Outbox { get; } = new();

    public void Dispose() => Outbox.Dispose();

    private static MailRecord Mail(RequestRecord request, string to, string subject, string body, DateTime now) => new()
    {
        Id = Guid.NewGuid().ToString(), RequestId = request.Id, RecipientId = to, Subject = subject, Body = body,
        Status = MailRecord.Pending, NextAttemptAt = now, CreatedAt = now, UpdatedAt = now,
    };

    private static string Link(string? page, string query, ServerTexts texts) =>
        page is null ? texts.MailNoPage : page + (page.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
}
