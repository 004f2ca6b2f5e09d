namespace DelegationWidgets.Connectors.Itsm;

/// <summary>How the change a note reports on ended.</summary>
public enum TicketOutcome
{
    Succeeded,
    Failed,
    Rejected,
}

/// <summary>
/// What is written back to a ticket after a change: the change id (written first, so a note that was written twice is
/// recognisable), the form's title, the outcome, a summary a person can read (no secrets: the host passes the audit's
/// redacted view), a link to the audit event, and who made the change.
/// </summary>
public sealed record TicketNote(
    string ChangeId,
    string FormTitle,
    TicketOutcome Outcome,
    string Summary,
    string? AuditReference,
    string ActorName);
