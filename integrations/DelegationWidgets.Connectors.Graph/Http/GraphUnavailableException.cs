namespace DelegationWidgets.Connectors.Graph.Http;

/// <summary>
/// Microsoft Graph or the tenant's token endpoint could not be reached after the pipeline's retries, the circuit is open,
/// the connector's own sign-in was refused, or Graph gave an answer the connector cannot act on. Actions turn it into
/// <see cref="ActionErrorCode.Unavailable"/>; reads let it propagate as the abstractions' <see cref="ConnectorUnavailableException"/>.
/// </summary>
internal sealed class GraphUnavailableException : ConnectorUnavailableException
{
    public GraphUnavailableException()
    {
    }

    public GraphUnavailableException(string message)
        : base(message)
    {
    }

    public GraphUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
