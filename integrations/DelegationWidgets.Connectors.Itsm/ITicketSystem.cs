namespace DelegationWidgets.Connectors.Itsm;

/// <summary>
/// An ITSM system that holds the tickets changes are made for (ServiceNow, TOPdesk): it verifies a ticket reference before
/// a change runs, and takes the change's outcome as a note on the ticket afterwards. Implementations are singletons, safe
/// for concurrent use; the host picks one by <see cref="Name"/>.
/// </summary>
public interface ITicketSystem
{
    /// <summary>The system's name: <c>servicenow</c> or <c>topdesk</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Whether <paramref name="ticket"/> names a ticket that exists, is open and (unless the deployment turned the check off)
    /// is assigned to one of the caller's groups. Every expected outcome is a value: a reference that is not a well-formed
    /// ticket number is <see cref="TicketVerificationStatus.NotFound"/> without any request, and a system that cannot be
    /// reached is <see cref="TicketVerificationStatus.Unavailable"/>. Throws only for null arguments and cancellation.
    /// </summary>
    Task<TicketVerification> VerifyAsync(TicketReference ticket, TicketCaller caller, CancellationToken cancellationToken);

    /// <summary>
    /// Adds <paramref name="note"/> to the ticket (a ServiceNow work note, a TOPdesk action invisible to the caller). The note
    /// text starts with the change id, so a note written twice (the host retried after an answer was lost) is recognisable.
    /// </summary>
    /// <exception cref="TicketSystemUnavailableException">
    /// Transient: the system could not be reached, did not answer in time, answered 5xx or 429, refused the connector's own
    /// credentials (401), or its circuit is open. The note may or may not have been added; the host keeps the write-back and
    /// tries it again later.
    /// </exception>
    /// <exception cref="TicketWriteBackRefusedException">
    /// Permanent: the reference is not a ticket of this system, the ticket no longer exists (404), or the system refused the
    /// note (400, 403, 409, 422, …). Trying again does not help; the host shows the failure to a person.
    /// </exception>
    Task WriteBackAsync(TicketReference ticket, TicketNote note, CancellationToken cancellationToken);
}
