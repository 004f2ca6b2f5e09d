namespace DelegationWidgets.Connectors.Ldap.Connection;

/// <summary>
/// The domain controller could not be reached (or refused the service account) after the pipeline's retries, or the
/// circuit is open. Actions turn it into <see cref="ActionErrorCode.Unavailable"/>; lookups let it propagate.
/// </summary>
internal sealed class LdapUnavailableException : Exception
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
