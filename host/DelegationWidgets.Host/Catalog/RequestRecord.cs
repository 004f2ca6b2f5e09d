namespace DelegationWidgets.Host.Catalog;

/// <summary>Where a request is.</summary>
internal static class RequestStatus
{
    public const string PendingApproval = "pending-approval";
    public const string Approved = "approved";
    public const string Fulfilled = "fulfilled";
    public const string Denied = "denied";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";
    public const string Expired = "expired";
    public const string Extended = "extended";
}

/// <summary>
/// A self-service request as stored: the product, who asked, for whom, and its approval steps as they went (JSON, the
/// timeline). <see cref="PendingApprovers"/> holds the current step's approvers (one per line, with a line break before
/// and after) so "pending for me" is one query. <see cref="Version"/> guards every update: two decisions at once cannot
/// both land.
/// </summary>
internal sealed class RequestRecord
{
    public required string Id { get; init; }

    public required string ProductId { get; init; }

    public required int ProductVersion { get; init; }

    /// <summary>The version of the product's workflow the request runs through (a newer one applies to new requests only).</summary>
    public int WorkflowVersion { get; init; } = 1;

    public required string ProductTitle { get; init; }

    public required string RequesterIssuer { get; init; }

    public required string RequesterSubject { get; init; }

    public required string RequesterName { get; init; }

    /// <summary>The requester's roles, space-separated.</summary>
    public required string RequesterRoles { get; init; }

    public required string BeneficiaryId { get; init; }

    public string? Reason { get; init; }

    public int? DurationDays { get; init; }

    /// <summary>The values of the product's request fields (JSON object, with defaults), if it has fields.</summary>
    public string? DataJson { get; init; }

    /// <summary>The requester's <c>Idempotency-Key</c> (unique per requester; generated when none was sent).</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>SHA-256 of the request as sent, to refuse a reused key with other data.</summary>
    public required string RequestHash { get; init; }

    /// <summary>The fulfilled time-bound request this one extends.</summary>
    public string? Extends { get; init; }

    public required string Status { get; set; }

    /// <summary>The index of the current step.</summary>
    public int StepIndex { get; set; }

    /// <summary>The steps so far (JSON array of <see cref="StepState"/>).</summary>
    public string StepsJson { get; set; } = "[]";

    public string PendingApprovers { get; set; } = "";

    /// <summary>When the current step times out, if it does.</summary>
    public DateTime? DueAt { get; set; }

    /// <summary>When the current step's approvers are reminded, if they are (once per step).</summary>
    public DateTime? RemindAt { get; set; }

    public required DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? FulfilledAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    /// <summary>The attribute changes of the fulfilment or revocation (JSON array of <c>AttributeDiff</c>).</summary>
    public string ChangesJson { get; set; } = "[]";

    public string? ErrorJson { get; set; }

    public int Version { get; set; }
}

/// <summary>One step of a request as it went.</summary>
internal sealed record StepState
{
    public const string RuleApplies = "applies";
    public const string RuleAutoApproved = "auto-approved";
    public const string RuleNotAutomatic = "not-automatic";
    public const string RuleNoApprover = "no-approver";

    public required string Step { get; init; }

    public required string Title { get; init; }

    public required string Status { get; set; }

    /// <summary>The rule in English, as the audit has it (rows written before <see cref="RuleKind"/> existed have only this).</summary>
    public string? Rule { get; set; }

    /// <summary>Which rule decided the step (<see cref="RuleApplies"/> …), and its condition: the timeline writes it in the caller's language.</summary>
    public string? RuleKind { get; set; }

    public StepCondition? Condition { get; set; }

    public string Mode { get; init; } = "any";

    public List<string> Approvers { get; set; } = [];

    public List<DecisionState> Decisions { get; init; } = [];

    public required DateTime CreatedAt { get; init; }

    public DateTime? DecidedAt { get; set; }

    public DateTime? DueAt { get; set; }

    public bool Escalated { get; set; }
}

/// <summary>An approver's decision.</summary>
/// <param name="For">The approver a deputy decided for (null when the approver decided).</param>
internal sealed record DecisionState(string Approver, string ApproverName, bool Approve, string? Comment, DateTime At, string? For = null)
{
    /// <summary>Whether this decision is the given approver's: their own, or their deputy's for them.</summary>
    public bool IsOf(string approver) =>
        string.Equals(Approver, approver, StringComparison.OrdinalIgnoreCase) || string.Equals(For, approver, StringComparison.OrdinalIgnoreCase);
}

/// <summary>An approver's deputy for a period (leave): while it lasts, the deputy may decide wherever the approver may.</summary>
internal sealed class DeputyRecord
{
    public required string Id { get; init; }

    public required string ApproverId { get; init; }

    public required string DeputyId { get; init; }

    public required DateTime From { get; init; }

    public required DateTime Until { get; init; }

    public required DateTime CreatedAt { get; init; }
}
