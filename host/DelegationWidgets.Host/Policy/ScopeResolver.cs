using DelegationWidgets.Connectors;
using DelegationWidgets.FormProfile;
using DelegationWidgets.Host.Identity;

namespace DelegationWidgets.Host.Policy;

/// <summary>What a caller may do with one form: the grants that allow it, the targets and resources in scope, and the overlays that narrow its data.</summary>
internal sealed record FormScope(IReadOnlyList<string> GrantIds, TargetScope Targets, TargetScope Resources, IReadOnlyList<FormSchema> Overlays)
{
    public bool Allowed => GrantIds.Count > 0 && !Targets.IsEmpty;
}

/// <summary>
/// Resolves the caller's scope for a form from the policy. Default deny: no grant, no scope.
/// Evaluated anew at every step (lookup, submit, just before execution); nothing is cached per caller.
/// </summary>
internal sealed class ScopeResolver(PolicyStore policy)
{
    public FormScope Resolve(Caller caller, string formId)
    {
        var grants = policy.Grants.Where(g => g.AppliesTo(caller) && g.Covers(formId)).ToArray();
        var targets = TargetScope.None;
        var resources = TargetScope.None;
        var overlays = new List<FormSchema>();
        var unnarrowed = false;
        foreach (var grant in grants)
        {
            var grantTargets = new TargetScope([.. grant.Targets.Select(s => s.ToRule(caller.DirectoryId))]);
            targets = targets.Union(grantTargets);
            resources = resources.Union(grant.Resources is null ? grantTargets : new TargetScope([.. grant.Resources.Select(s => s.ToRule(caller.DirectoryId))]));
            if (policy.Overlays.TryGetValue((grant.Id, formId), out var overlay))
            {
                overlays.Add(overlay);
            }
            else
            {
                unnarrowed = true;
            }
        }

        // A grant without an overlay allows the whole form; otherwise the data must pass one of the grants' overlays.
        return new FormScope([.. grants.Select(g => g.Id)], targets, resources, unnarrowed ? [] : overlays);
    }

    /// <summary>Every target the caller may act on through any form (used to scope audit reads).</summary>
    public TargetScope AllTargets(Caller caller) =>
        policy.Grants.Where(g => g.AppliesTo(caller))
            .Aggregate(TargetScope.None, (scope, g) => scope.Union(new TargetScope([.. g.Targets.Select(s => s.ToRule(caller.DirectoryId))])));
}
