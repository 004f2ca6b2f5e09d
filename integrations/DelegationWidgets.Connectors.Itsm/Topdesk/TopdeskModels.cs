namespace DelegationWidgets.Connectors.Itsm.Topdesk;

/// <summary>
/// An incident as <c>GET /tas/api/incidents/number/{number}</c> returns it, with the fields the connector reads:
/// <c>closed</c> and <c>completed</c> (booleans), <c>status</c> (<c>firstLine</c>, <c>secondLine</c>, <c>partial</c>, or one
/// of them with <c>Archived</c> appended), <c>processingStatus</c> and <c>operatorGroup</c> (<c>{"id", "name"}</c> or null).
/// </summary>
internal sealed record TopdeskIncident(
    string? Id,
    string? Number,
    string? Status,
    bool? Closed,
    bool? Completed,
    TopdeskReference? ProcessingStatus,
    TopdeskReference? OperatorGroup);

/// <summary>A reference to another TOPdesk record (<c>{"id", "name"}</c>), an operator, or an operator group (<c>{"id", "groupName"}</c>).</summary>
internal sealed record TopdeskReference(string? Id, string? Name);
