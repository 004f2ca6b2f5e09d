using System.Runtime.CompilerServices;
using DelegationWidgets.Sdk.Models;
using DelegationWidgets.Sdk.Serialization;

namespace DelegationWidgets.Sdk;

public partial class DelegationClient
{
    /// <summary>
    /// Enumerates the options of a lookup field, within the caller's scope, fetching page after page as you go
    /// (<c>GET /api/v1/forms/{id}/lookups/{field}</c>).
    /// </summary>
    /// <param name="formId">The form, e.g. <c>unlock-account</c>.</param>
    /// <param name="field">The lookup field, e.g. <c>user</c>.</param>
    /// <param name="search">A prefix of the name, account or mail; <see langword="null"/> for all options.</param>
    /// <param name="dependsOn">For a cascading lookup, the values of the fields it depends on (<see cref="FormLookup.DependsOn"/>), e.g. <c>{ ["user"] = "jan.devries" }</c>.</param>
    /// <exception cref="DelegationApiException">No such form or lookup (404), not allowed (403), or a missing parent value (400 <c>DW1014</c>), thrown as the first page is read.</exception>
    public virtual IAsyncEnumerable<LookupOption> GetLookupOptionsAsync(
        string formId,
        string field,
        string? search = null,
        IReadOnlyDictionary<string, string>? dependsOn = null,
        CancellationToken cancellationToken = default)
    {
        CheckLookupArguments(formId, field, dependsOn);
        return EnumerateLookupOptionsAsync(formId, field, search, dependsOn, cancellationToken);
    }

    /// <summary>
    /// Gets one page of a lookup field's options; pass the returned <see cref="LookupOptionsPage.NextCursor"/> as
    /// <paramref name="cursor"/> for the next. For UIs that show a page at a time.
    /// </summary>
    /// <inheritdoc cref="GetLookupOptionsAsync" path="/param"/>
    /// <param name="cursor">The <see cref="LookupOptionsPage.NextCursor"/> of the previous page, unchanged; <see langword="null"/> for the first.</param>
    public virtual Task<LookupOptionsPage> GetLookupOptionsPageAsync(
        string formId,
        string field,
        string? search = null,
        string? cursor = null,
        IReadOnlyDictionary<string, string>? dependsOn = null,
        CancellationToken cancellationToken = default)
    {
        CheckLookupArguments(formId, field, dependsOn);
        var query = new QueryString().Add("q", search).Add("cursor", cursor);
        foreach (var (name, value) in dependsOn ?? new Dictionary<string, string>())
        {
            query.Add(name, value);
        }

        return GetAsync($"api/v1/forms/{Escape(formId)}/lookups/{Escape(field)}{query}", Types.LookupOptionsPage, cancellationToken);
    }

    private async IAsyncEnumerable<LookupOption> EnumerateLookupOptionsAsync(
        string formId, string field, string? search, IReadOnlyDictionary<string, string>? dependsOn, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var page = await GetLookupOptionsPageAsync(formId, field, search, cursor, dependsOn, cancellationToken).ConfigureAwait(false);
            foreach (var option in page.Items)
            {
                yield return option;
            }

            cursor = page.NextCursor;
        }
        while (!string.IsNullOrEmpty(cursor));
    }

    private static void CheckLookupArguments(string formId, string field, IReadOnlyDictionary<string, string>? dependsOn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(formId);
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        foreach (var name in dependsOn?.Keys ?? [])
        {
            if (string.IsNullOrWhiteSpace(name) || name is "q" or "cursor")
            {
                throw new ArgumentException($"'{name}' cannot name a field a lookup depends on: 'q' and 'cursor' are the lookup's own query parameters.", nameof(dependsOn));
            }
        }
    }
}
