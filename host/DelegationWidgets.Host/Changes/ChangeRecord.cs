namespace DelegationWidgets.Host.Changes;

/// <summary>
/// A change as stored: recorded durably (status <c>running</c>, with a lease) before the connector runs,
/// completed with its result after. The data is stored with secrets removed.
/// </summary>
internal sealed class ChangeRecord
{
    public required string Id { get; init; }

    public required string FormId { get; init; }

    public required int FormVersion { get; init; }

    public required string ActorIssuer { get; init; }

    public required string ActorSubject { get; init; }

    public required string ActorName { get; init; }

    /// <summary>The actor's roles, space-separated.</summary>
    public required string ActorRoles { get; init; }

    /// <summary>The actor's groups (names may hold spaces), one per line; grants keyed on groups are checked with them again before the change runs.</summary>
    public string ActorGroups { get; init; } = "";

    public string? Client { get; init; }

    public string? Address { get; init; }

    public string? TargetId { get; set; }

    public string? Reason { get; init; }

    public string? Ticket { get; init; }

    /// <summary>True when the ticket was signed into the caller's token or verified with the ITSM system before the change ran.</summary>
    public bool TicketVerified { get; init; }

    /// <summary>The ITSM system of the ticket (<c>servicenow</c>, <c>topdesk</c>), when known.</summary>
    public string? TicketSystem { get; init; }

    /// <summary>The ticket's table (ServiceNow) and record id in the ITSM system, when known.</summary>
    public string? TicketTable { get; init; }

    public string? TicketId { get; init; }

    /// <summary>The caller's <c>Idempotency-Key</c>, unique per actor.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>SHA-256 of the request (form, data, reason, ticket), to refuse a reused key with other data.</summary>
    public required string RequestHash { get; init; }

    /// <summary>The submitted data with secret fields removed (JSON).</summary>
    public required string DataJson { get; init; }

    /// <summary>True when the data had secrets that were not stored, so the change cannot be re-run after a crash.</summary>
    public bool HadSecrets { get; init; }

    public required string Status { get; set; }

    public string Outcome { get; set; } = "pending";

    /// <summary>The attribute changes (JSON array of <c>AttributeDiff</c>).</summary>
    public string ChangesJson { get; set; } = "[]";

    /// <summary>The error (JSON <c>ChangeError</c>), when failed.</summary>
    public string? ErrorJson { get; set; }

    public string? CorrelationId { get; init; }

    public required DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    /// <summary>The instance that runs the change, and until when; an expired lease lets recovery take over.</summary>
    public string? LeaseOwner { get; set; }

    public DateTime? LeaseExpiresAt { get; set; }

    public int Attempts { get; set; }
}
