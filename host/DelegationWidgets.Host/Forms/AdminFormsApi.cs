using System.Text.Json;
using DelegationWidgets.Host.Audit;
using DelegationWidgets.Host.Changes;
using DelegationWidgets.Host.Identity;
using DelegationWidgets.Host.Lookups;
using DelegationWidgets.Host.Problems;
using DelegationWidgets.Host.Storage;
using DelegationWidgets.Sdk.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DelegationWidgets.Host.Forms;

/// <summary>
/// <c>/api/v1/admin/forms</c> (role <c>dw-admin</c>): publish a new version of a form, and list a form's versions. A
/// published version is checked exactly as forms as code are (Form Profile, lookups, target, task), stored for good with
/// one audit event, and used from then on; submissions against an older version are refused.
/// </summary>
internal static class AdminFormsApi
{
    public static void MapAdminFormsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin/forms").WithTags("Admin").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", Publish).WithName("PublishForm")
            .WithSummary("Publishes a new version of a form (the whole definition: schema, uiSchema, lookups, target, task, requires).")
            .Produces<FormDefinition>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}/versions", Versions).WithName("ListFormVersions").WithSummary("Lists every version of a form.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>One version of a form: where it came from (a file of the forms folder, or the admin API) and when.</summary>
    public sealed record FormVersionInfo(int Version, string Title, string Source, DateTimeOffset? PublishedAt, string? PublishedBy);

    private static async Task<IResult> Publish(
        JsonElement definition, HttpContext context, FormCatalog forms, ConnectorRegistry connectors, AuditChain audit)
    {
        var caller = Caller.From(context);
        if (!caller.IsAdmin)
        {
            return Problem.AdminRequired();
        }

        LoadedForm form;
        try
        {
            form = LoadedForm.Load(definition.GetRawText(), "published form");
        }
        catch (FormDefinitionException e)
        {
            return Problem.Validation(e.Problems.GroupBy(p => p.Pointer, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal),
                "The form cannot be published: " + e.Problems[0].Message);
        }

        if (!connectors.Has(form.Definition.Task.Connector))
        {
            return Problem.Validation(new Dictionary<string, string[]> { ["/task/connector"] = [$"No connector '{form.Definition.Task.Connector}' is configured."] });
        }

        if (forms.Find(form.Id) is { } latest)
        {
            if (latest.Version == form.Version && latest.Json == form.Json)
            {
                return TypedResults.Ok(FormsApi.ToModel(latest));
            }

            if (form.Version <= latest.Version)
            {
                return Problem.Create(StatusCodes.Status409Conflict, ErrorIds.FormVersionChanged, "That version exists.",
                    $"The form '{form.Id}' is at version {latest.Version}; publish it as version {latest.Version + 1}.",
                    new Dictionary<string, string[]> { ["/version"] = [$"Use {latest.Version + 1}."] });
            }
        }

        var now = audit.Now();
        var record = new FormVersionRecord { FormId = form.Id, Version = form.Version, Json = form.Json, PublishedAt = now, PublishedBy = caller.Subject };
        try
        {
            await audit.AppendAsync(record, ChangeWrite.Insert,
                [ChangeMapping.ByCaller(caller, "form.published", "success", now, form.Id, form.Version, $"Published version {form.Version} of '{form.Id}'.", context.TraceIdentifier)]);
        }
        catch (DbUpdateException)
        {
            return Problem.Create(StatusCodes.Status409Conflict, ErrorIds.FormVersionChanged, "That version exists.",
                $"Version {form.Version} of '{form.Id}' was published at the same moment by someone else.");
        }

        forms.Add(form);
        return TypedResults.Created($"/api/v1/forms/{form.Id}", FormsApi.ToModel(form));
    }

    private static async Task<Results<Ok<FormVersionInfo[]>, ProblemHttpResult>> Versions(
        string id, HttpContext context, FormCatalog forms, IDbContextFactory<DelegationDbContext> databases, CancellationToken cancellationToken)
    {
        if (!Caller.From(context).IsAdmin)
        {
            return Problem.AdminRequired();
        }

        if (forms.Find(id) is null)
        {
            return Problem.FormNotFound(id);
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var published = await db.FormVersions.AsNoTracking().Where(f => f.FormId == id).ToDictionaryAsync(f => f.Version, cancellationToken);
        return TypedResults.Ok(forms.Versions(id).Select(f => published.TryGetValue(f.Version, out var p)
            ? new FormVersionInfo(f.Version, f.Definition.Title, "admin", new DateTimeOffset(DateTime.SpecifyKind(p.PublishedAt, DateTimeKind.Utc)), p.PublishedBy)
            : new FormVersionInfo(f.Version, f.Definition.Title, "file", null, null)).ToArray());
    }
}
