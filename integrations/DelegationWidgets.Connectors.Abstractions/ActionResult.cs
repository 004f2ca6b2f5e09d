namespace DelegationWidgets.Connectors;

/// <summary>What an action did (or, in preview, would do).</summary>
public enum ActionOutcome
{
    /// <summary>The target changed.</summary>
    Changed,
    /// <summary>The target already was as asked (e.g. already a member): success with no change.</summary>
    NoChange,
    /// <summary>The action could not be carried out; <see cref="ActionResult.Error"/> says why.</summary>
    Failed,
}

/// <summary>One attribute of one object, before and after. Secret values are never carried: <see cref="Secret"/> marks them.</summary>
public sealed record AttributeChange(string ObjectId, string Attribute, string? Before, string? After, bool Secret = false);

/// <summary>Expected failures, as values; a connector throws only for what it cannot classify.</summary>
public enum ActionErrorCode
{
    NotFound,
    AlreadyExists,
    /// <summary>The target system refused a value by its policy (password complexity, history, minimum age, …).</summary>
    PolicyViolation,
    /// <summary>The object may not be acted on this way (e.g. deleting a non-external account).</summary>
    NotAllowed,
    /// <summary>The connector's own account lacks the rights for this action.</summary>
    InsufficientRights,
    /// <summary>The target system could not be reached; the change may be retried.</summary>
    Unavailable,
}

/// <summary>Why an action failed, and which action parameter (if any) the message belongs to.</summary>
public sealed record ActionError(ActionErrorCode Code, string Message, string? Parameter = null);

/// <summary>
/// The result of an action: outcome, the before/after of every attribute it touched (for the audit
/// trail and for previews), the id of a created object, and the error when it failed.
/// </summary>
public sealed record ActionResult(
    ActionOutcome Outcome,
    IReadOnlyList<AttributeChange> Changes,
    ActionError? Error = null,
    string? CreatedObjectId = null)
{
    public static ActionResult Failed(ActionErrorCode code, string message, string? parameter = null) =>
        new(ActionOutcome.Failed, [], new ActionError(code, message, parameter));

    public static ActionResult NoChange(IReadOnlyList<AttributeChange>? changes = null) =>
        new(ActionOutcome.NoChange, changes ?? []);

    public static ActionResult Changed(IReadOnlyList<AttributeChange> changes, string? createdObjectId = null) =>
        new(ActionOutcome.Changed, changes, null, createdObjectId);
}
