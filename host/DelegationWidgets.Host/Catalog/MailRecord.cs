using DelegationWidgets.Host.Storage;

namespace DelegationWidgets.Host.Catalog;

/// <summary>
/// A notification mail still to be sent (the outbox): recorded in the same transaction as the request's state change, so
/// a mail is never lost because the relay was down; <see cref="MailOutbox"/> sends it, tries again with growing pauses,
/// and ends it as sent or, when it cannot be delivered (no address, refused, or still failing after
/// <c>Notifications:GiveUpAfter</c>), as failed (logged and audited).
/// </summary>
internal sealed class MailRecord : IOutboxItem
{
    public const string Pending = OutboxSender<MailRecord>.Pending;
    public const string Sent = "sent";
    public const string Failed = "failed";

    public required string Id { get; init; }

    public required string RequestId { get; init; }

    /// <summary>The directory id of the recipient; the address is read from the directory when the mail is sent.</summary>
    public required string RecipientId { get; init; }

    public required string Subject { get; init; }

    public required string Body { get; init; }

    public required string Status { get; set; }

    public int Attempts { get; set; }

    public required DateTime NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>The instance sending it now, and until when (an instance that dies leaves it to the others).</summary>
    public string? LeaseOwner { get; set; }

    public DateTime? LeaseExpiresAt { get; set; }

    public required DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? SentAt { get; set; }
}
