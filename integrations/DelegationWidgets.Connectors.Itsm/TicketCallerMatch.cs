namespace DelegationWidgets.Connectors.Itsm;

/// <summary>Which of the caller's names identifies them in the ITSM system when the connector looks up their groups.</summary>
public enum TicketCallerMatch
{
    /// <summary><see cref="TicketCaller.UserName"/>: ServiceNow <c>user_name</c>, TOPdesk operator <c>loginName</c>.</summary>
    UserName,

    /// <summary><see cref="TicketCaller.Email"/>: ServiceNow <c>email</c>, TOPdesk operator <c>email</c>.</summary>
    Email,
}
