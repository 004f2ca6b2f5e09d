using System.Text.Json;

namespace DelegationWidgets.Sdk.Models;

/// <summary>A form the caller may use, as listed by <c>GET /api/v1/forms</c>.</summary>
public sealed record FormSummary(string Id, int Version, string Title, string? Description, string? Category);

/// <summary>What a form requires besides its data.</summary>
/// <param name="Reason">A reason must be given.</param>
/// <param name="Ticket">A ticket reference must be given.</param>
/// <param name="VerifiedTicket">The ticket must be verified: signed into the caller's token, or found open and assigned to the caller's group in the ITSM system.</param>
public sealed record FormRequirements(bool Reason, bool Ticket, bool VerifiedTicket = false);

/// <summary>A field whose options come from a data source.</summary>
/// <param name="Source">The data source, e.g. <c>directory.users</c>.</param>
/// <param name="DependsOn">Fields whose values narrow the options (cascading lookups).</param>
public sealed record FormLookup(string Source, IReadOnlyList<string> DependsOn);

/// <summary>A form in full, as returned by <c>GET /api/v1/forms/{id}</c>.</summary>
public sealed record FormDefinition(
    string Id,
    int Version,
    string Title,
    string? Description,
    string? Category,
    JsonElement Schema,
    JsonElement UiSchema,
    IReadOnlyDictionary<string, FormLookup> Lookups,
    FormRequirements Requires);

/// <summary>One option of a lookup.</summary>
/// <param name="Id">The value to submit.</param>
/// <param name="Label">A readable label.</param>
/// <param name="Description">A secondary label (mail, OU).</param>
public sealed record LookupOption(string Id, string Label, string? Description);

/// <summary>One page of lookup options; pass <see cref="NextCursor"/> to get the next.</summary>
public sealed record LookupOptionsPage(IReadOnlyList<LookupOption> Items, string? NextCursor);
