using DelegationWidgets.Sdk.Models;

namespace DelegationWidgets.Sdk;

public partial class DelegationClient
{
    /// <summary>Lists the forms the caller may use (<c>GET /api/v1/forms</c>); empty when none.</summary>
    public virtual Task<IReadOnlyList<FormSummary>> GetFormsAsync(CancellationToken cancellationToken = default) =>
        GetAsync("api/v1/forms", Types.IReadOnlyListFormSummary, cancellationToken);

    /// <summary>Gets a form in full: schema, UI schema, lookups and requirements (<c>GET /api/v1/forms/{id}</c>).</summary>
    /// <exception cref="DelegationApiException">No such form (404 <c>DW1002</c>), or the caller may not use it (403 <c>DW1003</c>).</exception>
    public virtual Task<FormDefinition> GetFormAsync(string formId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(formId);
        return GetAsync($"api/v1/forms/{Escape(formId)}", Types.FormDefinition, cancellationToken);
    }
}
