namespace DelegationWidgets.Host.Audit;

/// <summary>
/// One audit event as stored: append-only, numbered by <see cref="Sequence"/>, each carrying the hash of
/// the one before so that altering, deleting or reordering rows is detected.
/// </summary>
internal sealed class AuditRecord
{
    public long Sequence { get; set; }

    public required string Id { get; init; }

    public required DateTime OccurredAt { get; init; }

    public required string Type { get; init; }

    public required string ActorIssuer { get; init; }

    public required string ActorSubject { get; init; }

    public required string ActorName { get; init; }

    public required string ActorRoles { get; init; }

    public string? Via { get; init; }

    public string? Address { get; init; }

    public string? FormId { get; init; }

    public int? FormVersion { get; init; }

    public string? TargetId { get; init; }

    public string? ChangeId { get; init; }

    public string? Reason { get; init; }

    public string? Ticket { get; init; }

    public required string Outcome { get; init; }

    public string? Detail { get; init; }

    /// <summary>Before/after per attribute (JSON array of <c>AttributeDiff</c>), secrets as <c>[redacted]</c>.</summary>
    public string ChangesJson { get; init; } = "[]";

    public string? CorrelationId { get; init; }

    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";
}

/// <summary>The head of the hash chain: the last sequence number and hash. Updated with every append, guarded by a concurrency check.</summary>
internal sealed class AuditHead
{
    public int Id { get; set; } = 1;

    public long Sequence { get; set; }

    public string Hash { get; set; } = AuditChain.GenesisHash;
}
