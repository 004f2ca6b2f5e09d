namespace DelegationWidgets.Connectors;

/// <summary>
/// The target system could not be reached for a read (a lookup, finding an object) after the connector's own retries.
/// Actions report this as <see cref="ActionErrorCode.Unavailable"/> instead; reads throw it, and the host answers with
/// a 503 problem response that says the request can be retried.
/// </summary>
public class ConnectorUnavailableException : Exception
{
    public ConnectorUnavailableException()
        : this("The target system is unavailable.")
    {
    }

    public ConnectorUnavailableException(string message)
        : base(message)
    {
    }

    public ConnectorUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
