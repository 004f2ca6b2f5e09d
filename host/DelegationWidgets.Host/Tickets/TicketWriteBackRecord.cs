using DelegationWidgets.Host.Storage;

namespace DelegationWidgets.Host.Tickets;

/// <summary>
/// The outcome of a change still to be written to its ticket (the outbox): recorded in the same transaction as the change's
/// end, so it cannot be lost; the write-back service sends it, retries transient failures with growing pauses, and marks
/// it done or failed (a person must look).
/// </summary>
internal sealed class TicketWriteBackRecord : OutboxRecord
{
    public const string Done = "done";

    /// <summary>The change whose outcome is written (one write-back each time the change ends; a retried change ends again).</summary>
    public required string ChangeId { get; init; }

    public required string System { get; init; }

    public required string TicketNumber { get; init; }

    public string? TicketTable { get; init; }

    public string? TicketId { get; init; }
}
