using System.Text.Json;
using DelegationWidgets.FormProfile;
using DelegationWidgets.Host.Identity;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Host.Policy;

/// <summary>
/// The delegation policy as data: grants loaded from the grants file and checked at start-up
/// (a broken policy stops the host with a message naming the grant and what is wrong).
/// </summary>
internal sealed class PolicyStore
{
    private readonly Dictionary<(string Grant, string Form), FormSchema> _overlays = [];

    private readonly TrustedIssuers _issuers;

    public PolicyStore(IOptions<PolicyOptions> options, TrustedIssuers issuers)
    {
        _issuers = issuers;
        var path = AppPaths.Shipped(options.Value.GrantsFile);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Policy:GrantsFile: the file '{path}' does not exist.");
        }

        GrantsFile file;
        try
        {
            file = JsonSerializer.Deserialize<GrantsFile>(File.ReadAllText(path), JsonSerializerOptions.Web)
                ?? throw new InvalidOperationException($"Policy:GrantsFile '{path}' is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"Policy:GrantsFile '{path}' is not valid JSON: {e.Message}", e);
        }

        Version = file.Version;
        Grants = file.Grants;
        foreach (var grant in Grants)
        {
            Check(grant, path);
        }
    }

    public int Version { get; }

    public IReadOnlyList<Grant> Grants { get; }

    /// <summary>Compiled overlays by (grant id, form id).</summary>
    public IReadOnlyDictionary<(string Grant, string Form), FormSchema> Overlays => _overlays;

    private void Check(Grant grant, string path)
    {
        var where = $"Policy:GrantsFile '{path}', grant '{grant.Id}'";
        if (string.IsNullOrWhiteSpace(grant.Id) || grant.Who is null || grant.Forms is null || grant.Targets is null)
        {
            throw new InvalidOperationException($"{where}: every grant needs id, who, forms and targets.");
        }

        // Group names and subjects are the issuer's own words: with more than one issuer trusted, a grant keyed on them names its issuers.
        if (_issuers.Values.Count > 1 && grant.Who.Issuers is null && (grant.Who.Groups is { Count: > 0 } || grant.Who.Users is { Count: > 0 }))
        {
            throw new InvalidOperationException(
                $"{where}: who.groups and who.users need who.issuers when more than one issuer is trusted, or the same name at another issuer would get the grant.");
        }

        if (grant.Who.Issuers?.FirstOrDefault(i => !_issuers.Values.Contains(i)) is { } unknown)
        {
            throw new InvalidOperationException(
                $"{where}: who.issuers names '{unknown}', which is not a trusted issuer (trusted: {string.Join(", ", _issuers.Values.Order(StringComparer.Ordinal))}).");
        }

        foreach (var selector in grant.Targets.Concat(grant.Resources ?? []))
        {
            if (selector.MembersSet() != 1)
            {
                throw new InvalidOperationException($"{where}: each target or resource selector sets exactly one of everything, ou, department, directReportsOf, ownedBy, memberOf, object.");
            }
        }

        foreach (var (formId, overlay) in grant.Overlays ?? new Dictionary<string, JsonElement>())
        {
            try
            {
                _overlays[(grant.Id, formId)] = FormSchema.Load(overlay.GetRawText());
            }
            catch (FormProfileException e)
            {
                throw new InvalidOperationException($"{where}, overlay for '{formId}': {e.Message}", e);
            }
        }
    }
}
