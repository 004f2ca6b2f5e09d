namespace DelegationWidgets.Host.Catalog;

/// <summary>Who may see and request a product: everyone, or callers with one of the roles, or users of one of the departments.</summary>
internal sealed record ProductVisibility(bool Everyone = false, IReadOnlyList<string>? Roles = null, IReadOnlyList<string>? Departments = null);

/// <summary>For whom a product may be requested besides oneself.</summary>
internal sealed record OnBehalfOf(bool DirectReports = false);

/// <summary>
/// A connector action with its parameters: each value is <c>$beneficiary</c> (the user the request is for) or a literal
/// (e.g. the group the product grants).
/// </summary>
internal sealed record ProductTask(string Connector, string Action, IReadOnlyDictionary<string, string> Parameters);

/// <summary>A product of the self-service catalog, as a file of <c>Catalog/Products</c>.</summary>
internal sealed record ProductDefinition(
    string Id,
    int Version,
    string Title,
    string? Description,
    string? Icon,
    string Category,
    ProductVisibility Visibility,
    OnBehalfOf? OnBehalfOf,
    decimal Cost,
    string Risk,
    int? MaxDurationDays,
    string Workflow,
    string? Owner,
    ProductTask Fulfilment,
    ProductTask? Revocation);

/// <summary>Whom a step asks.</summary>
internal sealed record ApproverSpec(string Kind, string? Group = null, IReadOnlyList<string>? Users = null);

/// <summary>A condition on the request: every member that is set must hold.</summary>
internal sealed record StepCondition(decimal? CostAtMost = null, decimal? CostAbove = null, IReadOnlyList<string>? RiskIn = null, IReadOnlyList<string>? RequesterRoles = null)
{
    public bool Holds(ProductDefinition product, IReadOnlyList<string> requesterRoles) =>
        (CostAtMost is null || product.Cost <= CostAtMost)
        && (CostAbove is null || product.Cost > CostAbove)
        && (RiskIn is null || RiskIn.Contains(product.Risk, StringComparer.Ordinal))
        && (RequesterRoles is null || RequesterRoles.Any(r => requesterRoles.Contains(r, StringComparer.Ordinal)));

    /// <summary>The condition in words, as the audit and the timeline show it.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (CostAtMost is { } atMost)
        {
            parts.Add($"cost at most {atMost:0.##}");
        }

        if (CostAbove is { } above)
        {
            parts.Add($"cost above {above:0.##}");
        }

        if (RiskIn is { } risks)
        {
            parts.Add($"risk {string.Join(" or ", risks)}");
        }

        if (RequesterRoles is { } roles)
        {
            parts.Add($"requester has role {string.Join(" or ", roles)}");
        }

        return string.Join(" and ", parts);
    }
}

/// <summary>
/// One step of an approval workflow: who approves (<c>any</c> one of them, or <c>all</c>), when the step applies at all,
/// when it approves itself (recorded with the rule), when its approvers are reminded, and what happens when nobody decides in time.
/// </summary>
internal sealed record WorkflowStep(
    string Id,
    string Title,
    ApproverSpec? Approver,
    string Mode = "any",
    StepCondition? AppliesWhen = null,
    StepCondition? AutoApproveWhen = null,
    TimeSpan? TimeoutAfter = null,
    string OnTimeout = "deny",
    ApproverSpec? EscalateTo = null,
    TimeSpan? RemindAfter = null);

/// <summary>An approval workflow, as a file of <c>Catalog/Workflows</c>: steps in sequence.</summary>
internal sealed record WorkflowDefinition(string Id, int Version, string Title, IReadOnlyList<WorkflowStep> Steps);
