namespace DelegationWidgets.Sdk.Models;

/// <summary>One event of the audit trail.</summary>
/// <param name="Sequence">Position in the hash chain, from 1.</param>
/// <param name="Type">What happened, e.g. <c>change.running</c>, <c>change.succeeded</c>, <c>access.denied</c>.</param>
/// <param name="Via">The client the actor used (the token's client id, or <c>api</c>).</param>
/// <param name="Address">The caller's network address.</param>
/// <param name="Outcome"><c>success</c>, <c>failure</c> or <c>denied</c>.</param>
/// <param name="Detail">A readable detail (the error or denial reason).</param>
/// <param name="PreviousHash">The hash of the event before this one.</param>
/// <param name="Hash">SHA-256 over this event's content and <paramref name="PreviousHash"/>.</param>
public sealed record AuditEvent(
    long Sequence,
    string Id,
    DateTimeOffset OccurredAt,
    string Type,
    Actor Actor,
    string? Via,
    string? Address,
    string? FormId,
    int? FormVersion,
    string? Target,
    string? ChangeId,
    string? Reason,
    string? Ticket,
    string Outcome,
    string? Detail,
    IReadOnlyList<AttributeDiff> Changes,
    string? CorrelationId,
    string PreviousHash,
    string Hash);

/// <summary>One page of audit events, newest first.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEvent> Items, string? NextCursor);

/// <summary>The result of checking the audit hash chain.</summary>
/// <param name="Valid">Every event's hash matches its content and the previous event's hash.</param>
/// <param name="EventsChecked">How many events were read.</param>
/// <param name="FirstBrokenSequence">The sequence number of the first event that does not match, if any.</param>
/// <param name="Message">What was found.</param>
public sealed record AuditVerification(bool Valid, long EventsChecked, long? FirstBrokenSequence, string Message);

/// <summary>Filters for the audit trail; every one is optional.</summary>
public sealed record AuditQuery(
    string? Actor = null,
    string? Target = null,
    string? Form = null,
    string? Ticket = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null);
