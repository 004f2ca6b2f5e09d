namespace DelegationWidgets.Connectors;

/// <summary>How one scope rule selects objects.</summary>
public enum ScopeRuleKind
{
    /// <summary>Every object of the directory.</summary>
    Everything,
    /// <summary>Objects in the OU named by the value, or in any OU below it.</summary>
    OrganizationalUnit,
    /// <summary>Users whose department equals the value (case-insensitive).</summary>
    Department,
    /// <summary>Users whose manager is the user with the value as id.</summary>
    DirectReportsOf,
    /// <summary>Groups and mailboxes whose owner is the user with the value as id.</summary>
    OwnedBy,
    /// <summary>The object whose id is the value.</summary>
    SingleObject,
    /// <summary>Users that are direct members of the group with the value as id.</summary>
    MemberOf,
}

/// <summary>One rule of a scope: a kind and its value.</summary>
public sealed record ScopeRule(ScopeRuleKind Kind, string Value);

/// <summary>
/// The set of objects a caller may see or act on, as a union of rules. An empty scope holds nothing
/// (default deny). Connectors translate the rules into their own query language for lookups; the
/// host re-checks single objects with <see cref="Contains"/>, so both must agree.
/// </summary>
public sealed class TargetScope
{
    public static readonly TargetScope None = new([]);
    public static readonly TargetScope Everything = new([new ScopeRule(ScopeRuleKind.Everything, "*")]);

    public TargetScope(IReadOnlyList<ScopeRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules;
    }

    public IReadOnlyList<ScopeRule> Rules { get; }

    public bool IsEmpty => Rules.Count == 0;

    /// <summary>The union of two scopes.</summary>
    public TargetScope Union(TargetScope other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new TargetScope([.. Rules.Concat(other.Rules).Distinct()]);
    }

    /// <summary>Whether the object is selected by at least one rule.</summary>
    public bool Contains(DirectoryObject item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Rules.Any(rule => Matches(rule, item));
    }

    /// <summary>Whether an OU (a distinguished name) lies within <paramref name="scopeOu"/> or equals it.</summary>
    public static bool IsWithinOrganizationalUnit(string ou, string scopeOu)
    {
        ArgumentNullException.ThrowIfNull(ou);
        ArgumentNullException.ThrowIfNull(scopeOu);
        return ou.Equals(scopeOu, StringComparison.OrdinalIgnoreCase)
            || ou.EndsWith("," + scopeOu, StringComparison.OrdinalIgnoreCase);
    }

    private static bool Matches(ScopeRule rule, DirectoryObject item) => rule.Kind switch
    {
        ScopeRuleKind.Everything => true,
        ScopeRuleKind.OrganizationalUnit => IsWithinOrganizationalUnit(item.OrganizationalUnit, rule.Value)
            || (item.Kind == DirectoryObjectKind.OrganizationalUnit && IsWithinOrganizationalUnit(item.Id, rule.Value)),
        ScopeRuleKind.Department => item.Department is not null && item.Department.Equals(rule.Value, StringComparison.OrdinalIgnoreCase),
        ScopeRuleKind.DirectReportsOf => item.ManagerId is not null && item.ManagerId.Equals(rule.Value, StringComparison.OrdinalIgnoreCase),
        ScopeRuleKind.OwnedBy => item.OwnerId is not null && item.OwnerId.Equals(rule.Value, StringComparison.OrdinalIgnoreCase),
        ScopeRuleKind.SingleObject => item.Id.Equals(rule.Value, StringComparison.OrdinalIgnoreCase),
        ScopeRuleKind.MemberOf => item.MemberOf.Contains(rule.Value, StringComparer.OrdinalIgnoreCase),
        _ => false,
    };

    public override string ToString() => IsEmpty ? "(none)" : string.Join(" | ", Rules.Select(r => $"{r.Kind}:{r.Value}"));
}
