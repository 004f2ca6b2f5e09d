using System.Text.Json;
using DelegationWidgets.Host.Identity;
using DelegationWidgets.Host.Policy;
using DelegationWidgets.Host.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Models = DelegationWidgets.Sdk.Models;

namespace DelegationWidgets.Host.Forms;

/// <summary><c>/api/v1/forms</c>: the forms the caller may use, and each form in full.</summary>
internal static class FormsApi
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    public static RouteGroupBuilder MapFormsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/forms").WithTags("Forms").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", ListForms).WithName("ListForms").WithSummary("Lists the forms the caller may use.");
        group.MapGet("/{id}", GetForm).WithName("GetForm").WithSummary("Gets a form: schema, UI schema, lookups and requirements.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static Ok<Models.FormSummary[]> ListForms(HttpContext context, FormCatalog forms, ScopeResolver scopes)
    {
        var caller = Caller.From(context);
        var allowed = forms.Latest.Where(f => scopes.Resolve(caller, f.Id).Allowed)
            .Select(f => new Models.FormSummary(f.Id, f.Version, f.Definition.Title, f.Definition.Description, f.Definition.Category))
            .ToArray();
        return TypedResults.Ok(allowed);
    }

    private static Results<Ok<Models.FormDefinition>, ProblemHttpResult> GetForm(string id, HttpContext context, FormCatalog forms, ScopeResolver scopes)
    {
        var form = forms.Find(id);
        if (form is null)
        {
            return Problem.FormNotFound(id);
        }

        if (!scopes.Resolve(Caller.From(context), form.Id).Allowed)
        {
            return Problem.FormNotGranted(form.Id);
        }

        return TypedResults.Ok(ToModel(form));
    }

    public static Models.FormDefinition ToModel(LoadedForm form)
    {
        var d = form.Definition;
        return new Models.FormDefinition(
            d.Id,
            d.Version,
            d.Title,
            d.Description,
            d.Category,
            d.Schema,
            d.UiSchema ?? EmptyObject,
            form.Lookups.ToDictionary(kv => kv.Key, kv => new Models.FormLookup(kv.Value.Definition.Source, kv.Value.Definition.DependsOn ?? [])),
            new Models.FormRequirements(d.Requires?.Reason ?? false, (d.Requires?.Ticket ?? false) || (d.Requires?.VerifiedTicket ?? false), d.Requires?.VerifiedTicket ?? false));
    }
}
