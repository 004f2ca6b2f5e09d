using System.Text.Json;
using DelegationWidgets.Connectors;
using DelegationWidgets.Host.Forms;
using DelegationWidgets.Host.Lookups;

namespace DelegationWidgets.Host.Policy;

/// <summary>
/// Re-checks every scoped value of submitted data against the caller's scope: each lookup value must be one the
/// lookup offers this caller, and an OU target must lie within the grant's targets. Nothing the client sent is
/// trusted. Run at submit and again just before execution; it fails closed.
/// </summary>
internal sealed class ScopeCheck(LookupService lookups)
{
    /// <summary>The fields (pointers into the request body) whose values are outside the scope; empty when all are within.</summary>
    public async Task<IReadOnlyDictionary<string, string[]>> OutOfScopeAsync(LoadedForm form, FormScope scope, JsonElement data, CancellationToken cancellationToken)
    {
        var refused = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!scope.Allowed)
        {
            refused["/data"] = ["None of your delegations allows this form."];
            return refused;
        }

        foreach (var field in form.Lookups.Values)
        {
            if (data.TryGetProperty(field.Field, out var value) && value.ValueKind == JsonValueKind.String
                && !await lookups.IsOfferedAsync(form, field, scope, value.GetString()!, data, cancellationToken))
            {
                refused["/data/" + field.Field] = [$"'{value.GetString()}' is not one of the choices you may make here."];
            }
        }

        if (form.TargetKind == DirectoryObjectKind.OrganizationalUnit
            && data.TryGetProperty(form.TargetField, out var ou) && ou.ValueKind == JsonValueKind.String)
        {
            var dn = ou.GetString()!;
            var asObject = new DirectoryObject(dn, DirectoryObjectKind.OrganizationalUnit, dn, dn, null, null, null, [], new Dictionary<string, string?>());
            if (!scope.Targets.Contains(asObject))
            {
                refused["/data/" + form.TargetField] = [$"You may not make changes in '{dn}'."];
            }
        }

        return refused;
    }
}
