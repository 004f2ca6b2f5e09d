namespace DelegationWidgets.Connectors.Itsm;

/// <summary>
/// A write-back failed transiently: the ITSM system could not be reached, did not answer in time, answered 5xx or 429,
/// refused the connector's own credentials, or its circuit is open. Whether the note was added is unknown when the request
/// had been sent; the host keeps the write-back and tries it again later (the change id at the start of the note makes a
/// duplicate recognisable). <see cref="RetryAt"/> says when the connector calls the system again, when it knows.
/// </summary>
public sealed class TicketSystemUnavailableException : Exception
{
    public TicketSystemUnavailableException()
        : this("The ITSM system is unavailable.")
    {
    }

    public TicketSystemUnavailableException(string message)
        : base(message)
    {
    }

    public TicketSystemUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TicketSystemUnavailableException(string message, DateTimeOffset? retryAt, Exception? innerException = null)
        : base(message, innerException)
    {
        RetryAt = retryAt;
    }

    /// <summary>When the connector calls the system again (its circuit is open until then), if known.</summary>
    public DateTimeOffset? RetryAt { get; }
}
