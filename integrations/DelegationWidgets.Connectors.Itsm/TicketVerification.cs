namespace DelegationWidgets.Connectors.Itsm;

/// <summary>What <see cref="ITicketSystem.VerifyAsync"/> found.</summary>
public enum TicketVerificationStatus
{
    /// <summary>The ticket exists, is open and is assigned to one of the caller's groups (or the deployment does not check that).</summary>
    Verified,

    /// <summary>There is no such ticket, or the reference is not a well-formed ticket number of this system (refused without a request).</summary>
    NotFound,

    /// <summary>The ticket exists but is closed, resolved or archived.</summary>
    Closed,

    /// <summary>The ticket is open but assigned to no group, or to a group the caller is not a member of.</summary>
    NotAssignedToCaller,

    /// <summary>The system could not be asked (unreachable, too slow, refused the connector's credentials, circuit open); asking again later may succeed.</summary>
    Unavailable,
}

/// <summary>
/// The outcome of verifying a ticket: the status, a message a helpdesk agent can act on, and the ticket in the system's own
/// spelling (canonical number, table and id) when the system found it. The host stores <see cref="Ticket"/> with the change
/// and passes it to <see cref="ITicketSystem.WriteBackAsync"/> later.
/// </summary>
public sealed record TicketVerification(TicketVerificationStatus Status, string Message, TicketReference? Ticket = null)
{
    public bool IsVerified => Status == TicketVerificationStatus.Verified;

    /// <summary>The canonical number (<c>INC0012345</c>, <c>I 2611 123</c>), when the system found the ticket.</summary>
    public string? Number => Ticket?.Number;

    /// <summary>The system's id of the ticket (ServiceNow sys_id, TOPdesk incident id), when the system found it.</summary>
    public string? Id => Ticket?.Id;

    internal static TicketVerification Verified(string message, TicketReference ticket) => new(TicketVerificationStatus.Verified, message, ticket);

    internal static TicketVerification NotFound(string message) => new(TicketVerificationStatus.NotFound, message);

    internal static TicketVerification Closed(string message, TicketReference ticket) => new(TicketVerificationStatus.Closed, message, ticket);

    internal static TicketVerification NotAssigned(string message, TicketReference ticket) => new(TicketVerificationStatus.NotAssignedToCaller, message, ticket);

    internal static TicketVerification Unavailable(string message, TicketReference? ticket = null) => new(TicketVerificationStatus.Unavailable, message, ticket);
}
