using System.Text.Json;
using DelegationWidgets.Connectors;
using DelegationWidgets.Host.Forms;
using DelegationWidgets.Host.Policy;

namespace DelegationWidgets.Host.Lookups;

/// <summary>
/// Lookups of form fields, always within the caller's scope: the target field within the grant's targets,
/// other lookup fields within its resources. <see cref="IsOfferedAsync"/> answers whether a submitted value
/// is one the same lookup would offer (re-checked at submit and again before execution).
/// </summary>
internal sealed class LookupService(ConnectorRegistry connectors)
{
    public const int PageSize = 25;

    public static TargetScope ScopeOf(LoadedForm form, LookupField field, FormScope scope) =>
        field.Field == form.TargetField ? scope.Targets : scope.Resources;

    public Task<LookupPage> SearchAsync(LoadedForm form, LookupField field, FormScope scope, string? search, string? cursor, string? memberOfValue, CancellationToken cancellationToken)
    {
        var connector = connectors.Get(form.Definition.Task.Connector);
        var query = new LookupQuery(field.Kind, search, ScopeOf(form, field, scope), cursor, PageSize, memberOfValue, field.Definition.Within, IncludeMemberOf: false);
        return connector.SearchAsync(query, cancellationToken);
    }

    /// <summary>Whether <paramref name="value"/> is offered by the field's lookup for this caller, given the other values in <paramref name="data"/>.</summary>
    public async Task<bool> IsOfferedAsync(LoadedForm form, LookupField field, FormScope scope, string value, JsonElement data, CancellationToken cancellationToken)
    {
        var connector = connectors.Get(form.Definition.Task.Connector);
        var item = await connector.FindAsync(field.Kind, value, cancellationToken);
        if (item is null || !ScopeOf(form, field, scope).Contains(item))
        {
            return false;
        }

        if (field.Definition.Within is { } within && !TargetScope.IsWithinOrganizationalUnit(item.OrganizationalUnit, within))
        {
            return false;
        }

        if (field.Definition.MemberOf is { } memberField)
        {
            if (!data.TryGetProperty(memberField, out var memberValue) || memberValue.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            var member = await connector.FindAsync(DirectoryObjectKind.User, memberValue.GetString()!, cancellationToken);
            return member is not null && member.MemberOf.Contains(item.Id, StringComparer.OrdinalIgnoreCase);
        }

        return true;
    }
}
