namespace DelegationWidgets.Connectors.Http;

/// <summary>
/// The connector's own exception for a system that is unavailable: the message, when the connector calls the system again
/// (when it knows: an open circuit, a <c>Retry-After</c>), and the failure behind it (none for a transient answer).
/// </summary>
internal delegate Exception UnavailableExceptionFactory(string message, DateTimeOffset? retryAt, Exception? innerException);
