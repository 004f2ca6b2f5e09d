namespace DelegationWidgets.Connectors.Itsm;

/// <summary>
/// A write-back failed for good: the reference is not a ticket of this system, the ticket no longer exists, or the ITSM
/// system refused the note (HTTP 400, 403, 404, 409, 422, …; <see cref="StatusCode"/> when it answered). Sending it again
/// does not help: the host records the failure where a person sees it.
/// </summary>
public sealed class TicketWriteBackRefusedException : Exception
{
    public TicketWriteBackRefusedException()
        : this("The ITSM system refused the note.")
    {
    }

    public TicketWriteBackRefusedException(string message)
        : base(message)
    {
    }

    public TicketWriteBackRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TicketWriteBackRefusedException(string message, int statusCode)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status the system answered with, or null when the connector refused the reference itself.</summary>
    public int? StatusCode { get; }
}
