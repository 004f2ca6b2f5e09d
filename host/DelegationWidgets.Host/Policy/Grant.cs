using System.Text.Json;
using DelegationWidgets.Connectors;
using DelegationWidgets.Host.Identity;

namespace DelegationWidgets.Host.Policy;

/// <summary>
/// Who a grant is for: any of these roles, groups (the token's <c>groups</c> claims) or users (subjects), in tokens of one of <see cref="Issuers"/>
/// (their <c>iss</c> values). Without <see cref="Issuers"/> the grant holds for every trusted issuer; name the issuer
/// when more than one is trusted, so that a role or subject of the same name at another issuer gets nothing.
/// </summary>
internal sealed record GrantSubjects(IReadOnlyList<string>? Roles, IReadOnlyList<string>? Users, IReadOnlyList<string>? Issuers, IReadOnlyList<string>? Groups = null);

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
    public bool AppliesTo(Caller caller) =>
        (Who.Issuers is null || Who.Issuers.Contains(caller.Issuer, StringComparer.Ordinal))
        && ((Who.Roles ?? []).Any(r => caller.Roles.Contains(r, StringComparer.Ordinal))
            || (Who.Groups ?? []).Any(g => caller.Groups.Contains(g, StringComparer.OrdinalIgnoreCase))
            || (Who.Users ?? []).Contains(caller.Subject, StringComparer.Ordinal));

    public bool Covers(string formId) => Forms.Contains("*") || Forms.Contains(formId, StringComparer.Ordinal);
}

/// <summary>The grants file: a version and the grants.</summary>
internal sealed record GrantsFile(int Version, IReadOnlyList<Grant> Grants);
