using DelegationWidgets.Host.Forms;
using DelegationWidgets.Host.Identity;
using DelegationWidgets.Host.Policy;
using DelegationWidgets.Host.Problems;
using DelegationWidgets.Sdk.Models;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DelegationWidgets.Host.Lookups;

/// <summary><c>GET /api/v1/forms/{id}/lookups/{field}?q=&amp;cursor=</c>: options for a lookup field, only within the caller's scope.</summary>
internal static class LookupsApi
{
    public const int MaxSearchLength = 128;

    private static readonly System.Text.Json.JsonElement NoOtherValues = System.Text.Json.JsonDocument.Parse("{}").RootElement.Clone();

    public static void MapLookupsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/forms").WithTags("Lookups").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .MapGet("/{id}/lookups/{field}", Lookup)
            .WithName("Lookup")
            .WithSummary("Searches the options of a lookup field (prefix of name, account or mail), scoped to the caller. " +
                "A field that depends on another (e.g. groups of the chosen user) takes that field's value as a query parameter.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<LookupOptionsPage>, ProblemHttpResult>> Lookup(
        string id, string field, string? q, string? cursor, HttpContext context, FormCatalog forms, ScopeResolver scopes, LookupService lookups, CancellationToken cancellationToken)
    {
        var form = forms.Find(id);
        if (form is null)
        {
            return Problem.FormNotFound(id);
        }

        var caller = Caller.From(context);
        var scope = scopes.Resolve(caller, form.Id);
        if (!scope.Allowed)
        {
            return Problem.FormNotGranted(form.Id);
        }

        if (!form.Lookups.TryGetValue(field, out var lookup))
        {
            return Problem.Create(StatusCodes.Status404NotFound, ErrorIds.LookupNotFound, "No such lookup.",
                $"The form '{form.Id}' has no lookup field '{field}'. Its lookups are: {string.Join(", ", form.Lookups.Keys)}.");
        }

        if (q?.Length > MaxSearchLength || cursor?.Length > 512)
        {
            return Problem.Create(StatusCodes.Status400BadRequest, ErrorIds.InvalidQuery, "The search is too long.",
                $"Search with at most {MaxSearchLength} characters.", new Dictionary<string, string[]> { ["/q"] = [$"At most {MaxSearchLength} characters."] });
        }

        string? memberOf = null;
        if (lookup.Definition.MemberOf is { } memberField)
        {
            memberOf = context.Request.Query[memberField].ToString();
            if (string.IsNullOrEmpty(memberOf))
            {
                return Problem.Create(StatusCodes.Status400BadRequest, ErrorIds.InvalidQuery, "Choose the field this one depends on first.",
                    $"The options of '{field}' depend on '{memberField}': pass its value as the query parameter '{memberField}'.",
                    new Dictionary<string, string[]> { ["/" + memberField] = ["Choose this first."] });
            }

            // The value this lookup depends on is itself re-checked: it must be one its own lookup offers.
            if (!form.Lookups.TryGetValue(memberField, out var parent)
                || !await lookups.IsOfferedAsync(form, parent, scope, memberOf, NoOtherValues, cancellationToken))
            {
                return Problem.Create(StatusCodes.Status403Forbidden, ErrorIds.OutOfScope, "Outside your delegation.",
                    $"'{memberOf}' is not one of the choices you may make for '{memberField}'.");
            }
        }

        try
        {
            var page = await lookups.SearchAsync(form, lookup, scope, q, cursor, memberOf, cancellationToken);
            return TypedResults.Ok(new LookupOptionsPage([.. page.Items.Select(i => new LookupOption(i.Id, i.DisplayName, i.Description))], page.NextCursor));
        }
        catch (ArgumentException)
        {
            return Problem.Create(StatusCodes.Status400BadRequest, ErrorIds.InvalidQuery, "The cursor is not valid.",
                "Pass the nextCursor of the previous page unchanged, or leave it out for the first page.",
                new Dictionary<string, string[]> { ["/cursor"] = ["Not a cursor from this API."] });
        }
    }
}
