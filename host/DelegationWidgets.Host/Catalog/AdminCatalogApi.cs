using System.Text.Json;
using DelegationWidgets.Host.Audit;
using DelegationWidgets.Host.Changes;
using DelegationWidgets.Host.Identity;
using DelegationWidgets.Host.Problems;
using DelegationWidgets.Host.Storage;
using Microsoft.EntityFrameworkCore;

namespace DelegationWidgets.Host.Catalog;

/// <summary>
/// <c>/api/v1/admin/products</c> and <c>/api/v1/admin/workflows</c> (role <c>dw-admin</c>): publish a new version (checked
/// exactly as the files are, stored for good with one audit event, used for new requests from then on; requests already
/// made keep their versions), and list the versions.
/// </summary>
internal static class AdminCatalogApi
{
    public sealed record VersionInfo(int Version, string Title);

    public static void MapAdminCatalogApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/products", (JsonElement body, HttpContext context, CatalogStore catalog, AuditChain audit) =>
                PublishAsync<ProductDefinition>(body, context, audit, CatalogVersionRecord.Product, p => (p.Id, p.Version, p.Title), catalog.CheckNew, catalog.AddChecked))
            .WithName("PublishProduct").WithSummary("Publishes a new version of a product.").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/workflows", (JsonElement body, HttpContext context, CatalogStore catalog, AuditChain audit) =>
                PublishAsync<WorkflowDefinition>(body, context, audit, CatalogVersionRecord.Workflow, w => (w.Id, w.Version, w.Title), catalog.CheckNew, catalog.AddChecked))
            .WithName("PublishWorkflow").WithSummary("Publishes a new version of an approval workflow.").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/products/{id}/versions", (string id, HttpContext context, CatalogStore catalog) =>
                Versions(context, catalog.Versions<ProductDefinition>(id).Select(p => new VersionInfo(p.Version, p.Title)).ToList(), id))
            .WithName("ListProductVersions").WithSummary("Every version of a product.");
        group.MapGet("/workflows/{id}/versions", (string id, HttpContext context, CatalogStore catalog) =>
                Versions(context, catalog.Versions<WorkflowDefinition>(id).Select(w => new VersionInfo(w.Version, w.Title)).ToList(), id))
            .WithName("ListWorkflowVersions").WithSummary("Every version of an approval workflow.");
    }

    /// <summary>Loads the versions published earlier (workflows first: products name them).</summary>
    public static async Task LoadPublishedAsync(IDbContextFactory<DelegationDbContext> databases, CatalogStore catalog)
    {
        await using var db = await databases.CreateDbContextAsync();
        var published = await db.CatalogVersions.AsNoTracking().OrderBy(v => v.Kind == CatalogVersionRecord.Workflow ? 0 : 1).ThenBy(v => v.Id).ThenBy(v => v.Version).ToListAsync();
        foreach (var version in published)
        {
            if (version.Kind == CatalogVersionRecord.Workflow)
            {
                catalog.Add(JsonSerializer.Deserialize<WorkflowDefinition>(version.Json, CatalogStore.Json)!);
            }
            else
            {
                catalog.Add(JsonSerializer.Deserialize<ProductDefinition>(version.Json, CatalogStore.Json)!);
            }
        }
    }

    private static async Task<IResult> PublishAsync<T>(
        JsonElement body, HttpContext context, AuditChain audit, string kind, Func<T, (string Id, int Version, string Title)> describe, Func<T, T> check, Action<T> add)
    {
        var caller = Caller.From(context);
        if (!caller.IsAdmin)
        {
            return Problem.AdminRequired();
        }

        T item;
        try
        {
            item = body.Deserialize<T>(CatalogStore.Json) ?? throw new JsonException("The body is empty.");
            item = check(item);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException)
        {
            var (field, message) = Split(e.Message);
            return Problem.Validation(new Dictionary<string, string[]> { [field] = [message] }, $"The {kind} cannot be published: {message}");
        }

        var (id, version, title) = describe(item);
        var record = new CatalogVersionRecord
        {
            Kind = kind, Id = id, Version = version, Json = body.GetRawText(), PublishedAt = audit.Now(), PublishedBy = caller.Subject,
        };
        try
        {
            await audit.AppendAsync(record, ChangeWrite.Insert,
                [ChangeMapping.ByCaller(caller, kind + ".published", "success", record.PublishedAt, $"{kind}:{id}", version, $"Published {kind} '{id}' version {version} ({title}).", context.TraceIdentifier)]);
        }
        catch (DbUpdateException)
        {
            return Problem.Create(StatusCodes.Status409Conflict, ErrorIds.FormVersionChanged, "That version exists.", $"{kind} '{id}' version {version} was published at the same moment.");
        }

        add(item);
        return TypedResults.Created($"/api/v1/admin/{kind}s/{id}/versions", new VersionInfo(version, title));
    }

    private static IResult Versions(HttpContext context, List<VersionInfo> versions, string id) =>
        !Caller.From(context).IsAdmin ? Problem.AdminRequired()
            : versions.Count == 0 ? Problem.Create(StatusCodes.Status404NotFound, ErrorIds.NoSuchProduct, "Not found.", $"There is nothing called '{id}'.")
            : TypedResults.Ok(versions);

    /// <summary>"member: message" → ("/member", message); the first member named is the field.</summary>
    private static (string Field, string Message) Split(string message)
    {
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        return colon is > 0 and < 60 && !message[..colon].Contains(' ', StringComparison.Ordinal)
            ? ("/" + message[..colon].Split(',')[0].Trim(), message[(colon + 2)..])
            : ("/", message);
    }
}
