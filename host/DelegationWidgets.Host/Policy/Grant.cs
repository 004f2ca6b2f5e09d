using System.Text.Json;
using DelegationWidgets.Connectors;

namespace DelegationWidgets.Host.Policy;

/// <summary>Who a grant is for: any of these roles, or any of these users (subjects).</summary>
internal sealed record GrantSubjects(IReadOnlyList<string>? Roles, IReadOnlyList<string>? Users);

/// <summary>
/// One selector of a grant's targets or resources. Exactly one member is set.
/// <c>$self</c> stands for the caller's own directory id.
/// </summary>
internal sealed record ScopeSelector(
    bool? Everything,
    string? Ou,
    string? Department,
    string? DirectReportsOf,
    string? OwnedBy,
    string? MemberOf,
    string? Object)
{
    public ScopeRule ToRule(string selfId)
    {
        string Resolve(string value) => value == "$self" ? selfId : value;
        return this switch
        {
            { Everything: true } => new ScopeRule(ScopeRuleKind.Everything, "*"),
            { Ou: { } ou } => new ScopeRule(ScopeRuleKind.OrganizationalUnit, ou),
            { Department: { } d } => new ScopeRule(ScopeRuleKind.Department, d),
            { DirectReportsOf: { } m } => new ScopeRule(ScopeRuleKind.DirectReportsOf, Resolve(m)),
            { OwnedBy: { } o } => new ScopeRule(ScopeRuleKind.OwnedBy, Resolve(o)),
            { MemberOf: { } g } => new ScopeRule(ScopeRuleKind.MemberOf, g),
            { Object: { } id } => new ScopeRule(ScopeRuleKind.SingleObject, Resolve(id)),
            _ => throw new InvalidOperationException("A scope selector sets none of everything, ou, department, directReportsOf, ownedBy, memberOf, object."),
        };
    }

    public int MembersSet() =>
        new object?[] { Everything is true ? true : null, Ou, Department, DirectReportsOf, OwnedBy, MemberOf, Object }.Count(v => v is not null);
}

/// <summary>
/// A delegation: who × which forms × which targets, plus the resources (groups, mailboxes, sponsors)
/// they may pick, and an optional schema overlay per form that narrows the data for this grant.
/// When <see cref="Resources"/> is absent, resources are limited to the same selectors as targets.
/// </summary>
internal sealed record Grant(
    string Id,
    string? Description,
    GrantSubjects Who,
    IReadOnlyList<string> Forms,
    IReadOnlyList<ScopeSelector> Targets,
    IReadOnlyList<ScopeSelector>? Resources,
    IReadOnlyDictionary<string, JsonElement>? Overlays)
{
    public bool AppliesTo(string subject, IReadOnlyList<string> roles) =>
        (Who.Roles ?? []).Any(r => roles.Contains(r, StringComparer.Ordinal))
        || (Who.Users ?? []).Contains(subject, StringComparer.OrdinalIgnoreCase);

    public bool Covers(string formId) => Forms.Contains("*") || Forms.Contains(formId, StringComparer.Ordinal);
}

/// <summary>The grants file: a version and the grants.</summary>
internal sealed record GrantsFile(int Version, IReadOnlyList<Grant> Grants);
