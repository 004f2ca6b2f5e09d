using DelegationWidgets.Connectors.Http;

namespace DelegationWidgets.Connectors.Itsm;

/// <summary>
/// Settings every ticket system shares: where it is, whether a ticket must be assigned to one of the caller's groups, how
/// the caller is matched, and how the connector copes with a system that fails (a timeout per attempt, retries with
/// back-off where repeating is safe, and a circuit breaker: the settings of <see cref="HttpConnectorOptions"/>).
/// </summary>
public abstract class TicketSystemOptions : HttpConnectorOptions
{
    /// <summary>The instance's address, such as <c>https://contoso.service-now.com/</c> or <c>https://contoso.topdesk.net/</c>.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>Whether a ticket must be assigned to one of the caller's groups to verify (default true). False: open is enough.</summary>
    public bool CheckAssignment { get; set; } = true;

    /// <summary>Which of the caller's names is looked up in the system for <see cref="CheckAssignment"/> (default the user name).</summary>
    public TicketCallerMatch CallerMatch { get; set; } = TicketCallerMatch.UserName;

    internal Uri EffectiveBaseUrl => new(BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/", UriKind.Absolute);
}
