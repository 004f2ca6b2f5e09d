namespace DelegationWidgets.Connectors.Itsm;

/// <summary>
/// A ticket as the host knows it: the number as typed or as verified (<c>INC0012345</c>, <c>I 2611 123</c>), and, once a
/// <see cref="TicketVerification"/> returned them, the table (ServiceNow only) and the system's id of the record (a
/// ServiceNow <c>sys_id</c>, a TOPdesk incident id). Nothing in it is trusted: the connector validates each part before
/// it is used in a request.
/// </summary>
public sealed record TicketReference(string Number, string? Table = null, string? Id = null);
