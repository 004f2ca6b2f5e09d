namespace DelegationWidgets.Connectors.Ldap.Connection;

/// <summary>
/// The domain controller could not be reached (or refused the service account) after the pipeline's retries, or the
/// circuit is open. Actions turn it into <see cref="ActionErrorCode.Unavailable"/>; reads let it propagate as the
/// abstractions' <see cref="ConnectorUnavailableException"/>.
/// </summary>
internal sealed class LdapUnavailableException : ConnectorUnavailableException
{
    public LdapUnavailableException()
    {
    }

    public LdapUnavailableException(string message)
        : base(message)
    {
    }

    public LdapUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
