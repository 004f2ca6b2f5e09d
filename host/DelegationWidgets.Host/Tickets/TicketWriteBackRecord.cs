using DelegationWidgets.Host.Storage;

namespace DelegationWidgets.Host.Tickets;

/// <summary>
/// The outcome of a change still to be written to its ticket (the outbox): recorded in the same transaction as the change's
/// end, so it cannot be lost; the write-back service sends it, retries transient failures with growing pauses, and marks
/// it done or failed (a person must look).
/// </summary>
internal sealed class TicketWriteBackRecord : IOutboxItem
{
    public const string Pending = OutboxSender<TicketWriteBackRecord>.Pending;
    public const string Done = "done";
    public const string Failed = "failed";

    public required string Id { get; init; }

    /// <summary>The change whose outcome is written (one write-back each time the change ends; a retried change ends again).</summary>
    public required string ChangeId { get; init; }

    public required string System { get; init; }

    public required string TicketNumber { get; init; }

    public string? TicketTable { get; init; }

    public string? TicketId { get; init; }

    public required string Status { get; set; }

    public int Attempts { get; set; }

    public required DateTime NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>The instance sending it now, and until when (as for changes: an instance that dies leaves it to the others).</summary>
    public string? LeaseOwner { get; set; }

    public DateTime? LeaseExpiresAt { get; set; }

    public required DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }
}
