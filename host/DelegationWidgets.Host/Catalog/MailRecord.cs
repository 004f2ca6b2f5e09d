using DelegationWidgets.Host.Storage;

namespace DelegationWidgets.Host.Catalog;

/// <summary>
/// A notification mail still to be sent (the outbox): recorded in the same transaction as the request's state change, so
/// a mail is never lost because the relay was down; <see cref="MailOutbox"/> sends it, tries again with growing pauses,
/// and ends it as sent or, when it cannot be delivered (no address, refused, or still failing after
/// <c>Notifications:GiveUpAfter</c>), as failed (logged and audited).
/// </summary>
internal sealed class MailRecord : OutboxRecord
{
    public const string Sent = "sent";

    public required string RequestId { get; init; }

    /// <summary>The directory id of the recipient; the address is read from the directory when the mail is sent.</summary>
    public required string RecipientId { get; init; }

    public required string Subject { get; init; }

    public required string Body { get; init; }

    public DateTime? SentAt { get; set; }
}
