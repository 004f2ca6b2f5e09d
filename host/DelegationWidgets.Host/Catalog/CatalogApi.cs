using System.Text.Json;
using DelegationWidgets.Host.Identity;
using DelegationWidgets.Host.Problems;
using DelegationWidgets.Host.Storage;
using DelegationWidgets.Sdk.Models;
using Microsoft.EntityFrameworkCore;

namespace DelegationWidgets.Host.Catalog;

/// <summary>
/// The self-service API: <c>GET /api/v1/catalog</c>, <c>POST /api/v1/requests</c>, <c>GET /api/v1/requests?mine=true</c>,
/// <c>GET /api/v1/requests/{id}</c>, <c>POST /api/v1/requests/{id}/cancel</c>, <c>GET /api/v1/approvals</c> and
/// <c>POST /api/v1/approvals/{id}/decision</c>.
/// </summary>
internal static class CatalogApi
{
    public static void MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Self-service").RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapGet("/catalog", Catalog).WithName("GetCatalog").WithSummary("The products the caller may request.");
        api.MapPost("/requests", Create).WithName("CreateRequest")
            .WithSummary("Requests a product for the caller or a direct report; it is fulfilled at once when every approval step approves itself. " +
                "The same Idempotency-Key again returns the first request.")
            .Produces<AccessRequest>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/requests", Mine).WithName("ListRequests").WithSummary("The caller's requests (made by or for them), newest first.");
        api.MapGet("/requests/{id}", Get).WithName("GetRequest").WithSummary("A request with its timeline.").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/requests/{id}/cancel", Cancel).WithName("CancelRequest").WithSummary("Cancels a request of the caller's that is waiting for approval.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/approvals", Pending).WithName("ListApprovals").WithSummary("The approval steps waiting for the caller's decision.");
        api.MapPost("/approvals/deputies", SetDeputy).WithName("SetDeputy")
            .WithSummary("Names the caller's deputy for a period (leave): the deputy may decide wherever the caller may, until then.")
            .Produces(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/approvals/deputies", Deputies).WithName("ListDeputies").WithSummary("The caller's deputies that have not ended.");
        api.MapPost("/approvals/{id}/decision", Decide).WithName("Decide").WithSummary("Approves or denies a step (a denial needs a comment).")
            .Produces<AccessRequest>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> Catalog(HttpContext context, CatalogStore catalog, RequestWorkflow workflow, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context);
        var texts = ServerTexts.For(context);
        var items = new List<CatalogItem>();
        foreach (var p in catalog.Products)
        {
            if (await workflow.MayRequestAsync(caller, p, cancellationToken))
            {
                var form = p.Form is { } f ? new ProductForm(ProductForms.Translated(f, p.FieldsIn(texts)), f.UiSchema ?? EmptyObject) : null;
                items.Add(new CatalogItem(p.Id, p.Version, p.TitleIn(texts), p.DescriptionIn(texts), p.Icon, p.CategoryIn(texts), p.Cost, p.Risk, p.MaxDurationDays,
                    p.OnBehalfOf?.DirectReports == true, catalog.Workflow(p.Workflow)?.TitleIn(texts) ?? p.Workflow, form));
            }
        }

        return TypedResults.Ok(items.OrderBy(i => i.Category, StringComparer.Ordinal).ThenBy(i => i.Title, StringComparer.Ordinal).ToList());
    }

    private static async Task<IResult> Create(
        AccessRequestInput input, [Microsoft.AspNetCore.Mvc.FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext context,
        RequestWorkflow workflow, CatalogStore catalog, CancellationToken cancellationToken)
    {
        var texts = ServerTexts.For(context);
        var (request, refusal) = await workflow.CreateAsync(Caller.From(context), input, idempotencyKey, texts, cancellationToken);
        return refusal is not null ? Refuse(refusal) : TypedResults.Created($"/api/v1/requests/{request!.Id}", ToModel(request, catalog, texts));
    }

    private static async Task<IResult> Mine(HttpContext context, IDbContextFactory<DelegationDbContext> databases, CatalogStore catalog, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var requests = await db.Requests.AsNoTracking()
            .Where(r => (r.RequesterSubject == caller.Subject && r.RequesterIssuer == caller.Issuer) || r.BeneficiaryId == caller.DirectoryId)
            .OrderByDescending(r => r.CreatedAt).Take(200).ToListAsync(cancellationToken);
        var texts = ServerTexts.For(context);
        return TypedResults.Ok(requests.Select(r => ToModel(r, catalog, texts)).ToList());
    }

    private static async Task<IResult> Get(string id, HttpContext context, IDbContextFactory<DelegationDbContext> databases, CatalogStore catalog, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var request = await db.Requests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        var mayRead = request is not null && (caller.IsAdmin
            || (request.RequesterSubject == caller.Subject && request.RequesterIssuer == caller.Issuer)
            || request.BeneficiaryId == caller.DirectoryId
            || RequestWorkflow.Steps(request).Any(s => s.Approvers.Contains(caller.DirectoryId, StringComparer.OrdinalIgnoreCase)));
        var texts = ServerTexts.For(context);
        return mayRead
            ? TypedResults.Ok(ToModel(request!, catalog, texts))
            : Problem.Create(StatusCodes.Status404NotFound, ErrorIds.NoSuchRequest, texts.NoSuchRequestTitle, texts.NoSuchRequestToSee(id));
    }

    private static async Task<IResult> Cancel(string id, HttpContext context, RequestWorkflow workflow, CatalogStore catalog, CancellationToken cancellationToken)
    {
        var texts = ServerTexts.For(context);
        var (request, refusal) = await workflow.CancelAsync(Caller.From(context), id, texts, cancellationToken);
        return refusal is not null ? Refuse(refusal) : TypedResults.Ok(ToModel(request!, catalog, texts));
    }

    private static async Task<IResult> Pending(
        HttpContext context, IDbContextFactory<DelegationDbContext> databases, CatalogStore catalog, RequestWorkflow workflow, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context);
        var texts = ServerTexts.For(context);

        // The caller's own approvals, and those of approvers the caller is a deputy for now (also steps that waited before the leave).
        var forWhom = new List<string> { caller.DirectoryId };
        forWhom.AddRange(await workflow.StandsInForAsync(caller.DirectoryId, cancellationToken));
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var requests = new Dictionary<string, RequestRecord>(StringComparer.Ordinal);
        foreach (var marker in forWhom.Select(id => "\n" + id + "\n"))
        {
            foreach (var r in await db.Requests.AsNoTracking()
                .Where(r => r.Status == RequestStatus.PendingApproval && r.PendingApprovers.Contains(marker) && r.RequesterSubject != caller.DirectoryId)
                .OrderBy(r => r.CreatedAt).Take(200).ToListAsync(cancellationToken))
            {
                requests.TryAdd(r.Id, r);
            }
        }

        // Each request's steps are read once; a step already decided for the caller or the one they stand in for (mode "all") is not pending for them.
        return TypedResults.Ok(requests.Values.OrderBy(r => r.CreatedAt).Take(200)
            .Select(r => (Request: r, Step: RequestWorkflow.Steps(r)[r.StepIndex], Product: catalog.Find(r.ProductId, r.ProductVersion)))
            .Where(x => x.Step.Approvers.Any(a => forWhom.Contains(a, StringComparer.OrdinalIgnoreCase) && !x.Step.Decisions.Any(d => d.IsOf(a) || d.IsOf(caller.DirectoryId))))
            .Select(x => new PendingApproval(RequestWorkflow.ApprovalId(x.Request, x.Request.StepIndex), x.Request.Id, x.Product?.TitleIn(texts) ?? x.Request.ProductTitle,
                x.Request.RequesterName, x.Request.BeneficiaryId, x.Request.Reason, x.Product?.Cost ?? 0, x.Product?.Risk ?? "low",
                StepTitle(x.Step, x.Request, x.Product, catalog, texts), Utc(x.Step.CreatedAt), x.Step.DueAt is { } due ? Utc(due) : null,
                ProductForms.Details(x.Product, x.Request.DataJson, texts)))
            .ToList());
    }

    public sealed record DeputyInput(string Deputy, DateTimeOffset? From, DateTimeOffset Until);

    public sealed record Deputy(string Id, string DeputyId, DateTimeOffset From, DateTimeOffset Until);

    private static async Task<IResult> SetDeputy(
        DeputyInput input, HttpContext context, Audit.AuditChain audit, CatalogStore catalog,
        Lookups.ConnectorRegistry connectors, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context);
        var texts = ServerTexts.For(context);
        var now = audit.Now();
        var from = input.From?.UtcDateTime ?? now;
        var until = input.Until.UtcDateTime;
        var directory = connectors.Get(catalog.DirectoryOf(null));
        var problem = string.IsNullOrWhiteSpace(input.Deputy) || string.Equals(input.Deputy, caller.DirectoryId, StringComparison.OrdinalIgnoreCase)
            ? ("/deputy", texts.DeputySomeoneElse)
            : until <= from || until <= now || until > now.AddYears(1) ? ("/until", texts.DeputyPeriod)
            : await directory.FindAsync(Connectors.DirectoryObjectKind.User, input.Deputy, cancellationToken) is null ? ("/deputy", texts.NoSuchUser(input.Deputy))
            : default((string, string)?);
        if (problem is { } p)
        {
            return Refuse(RequestRefusal.Invalid(texts, new() { [p.Item1] = [p.Item2] }));
        }

        var deputy = new DeputyRecord { Id = Guid.NewGuid().ToString(), ApproverId = caller.DirectoryId, DeputyId = input.Deputy, From = from, Until = until, CreatedAt = now };
        await audit.AppendAsync(deputy, Audit.ChangeWrite.Insert, [Changes.ChangeMapping.ByCaller(caller, "approvals.deputy", "success", now, null, null,
            $"{input.Deputy} decides for {caller.DirectoryId} from {from:yyyy-MM-dd HH:mm} until {until:yyyy-MM-dd HH:mm} UTC.", context.TraceIdentifier, input.Deputy)]);
        return TypedResults.Created($"/api/v1/approvals/deputies/{deputy.Id}", new Deputy(deputy.Id, deputy.DeputyId, Utc(from), Utc(until)));
    }

    private static async Task<IResult> Deputies(HttpContext context, IDbContextFactory<DelegationDbContext> databases, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var mine = await db.Deputies.AsNoTracking().Where(d => d.ApproverId == caller.DirectoryId && d.Until > now).OrderBy(d => d.From).ToListAsync(cancellationToken);
        return TypedResults.Ok(mine.Select(d => new Deputy(d.Id, d.DeputyId, Utc(d.From), Utc(d.Until))).ToList());
    }

    private static async Task<IResult> Decide(
        string id, ApprovalDecisionInput input, HttpContext context, RequestWorkflow workflow, CatalogStore catalog, CancellationToken cancellationToken)
    {
        var texts = ServerTexts.For(context);
        var (request, refusal) = await workflow.DecideAsync(Caller.From(context), id, input, texts, cancellationToken);
        return refusal is not null ? Refuse(refusal) : TypedResults.Ok(ToModel(request!, catalog, texts));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Refuse(RequestRefusal refusal) =>
        Problem.Create(refusal.Status, refusal.ErrorId, refusal.Title, refusal.Detail,
            refusal.Errors ?? (refusal.Field is { } field ? new Dictionary<string, string[]> { [field] = [refusal.Detail] } : null));

    /// <summary>A request as the API shows it, in the caller's language: the product and step titles, the rules, the field values.</summary>
    public static AccessRequest ToModel(RequestRecord r, CatalogStore catalog, ServerTexts texts)
    {
        var product = catalog.Find(r.ProductId, r.ProductVersion);
        return new(
        r.Id,
        r.ProductId,
        product?.TitleIn(texts) ?? r.ProductTitle,
        new Actor(r.RequesterSubject, r.RequesterName, r.RequesterIssuer, r.RequesterRoles.Split(' ', StringSplitOptions.RemoveEmptyEntries)),
        r.BeneficiaryId,
        r.Reason,
        r.Status,
        Utc(r.CreatedAt),
        r.FulfilledAt is { } fulfilled ? Utc(fulfilled) : null,
        r.ExpiresAt is { } expires ? Utc(expires) : null,
        r.Extends,
        [.. RequestWorkflow.Steps(r).Select(s => new RequestStep(s.Step, StepTitle(s, r, product, catalog, texts), s.Status,
            s.RuleKind is { } kind ? texts.Rule(kind, s.Condition) : s.Rule,
            [.. s.Decisions.Select(d => new ApprovalDecision(d.Approver, d.ApproverName, d.Approve, d.Comment, Utc(d.At), d.For))],
            Utc(s.CreatedAt), s.DecidedAt is { } decided ? Utc(decided) : null, s.DueAt is { } due ? Utc(due) : null))],
        r.ErrorJson is null ? null : JsonSerializer.Deserialize<ChangeError>(r.ErrorJson, JsonSerializerOptions.Web),
        ProductForms.Details(product, r.DataJson, texts));
    }

    private static string StepTitle(StepState step, RequestRecord request, ProductDefinition? product, CatalogStore catalog, ServerTexts texts) =>
        (product is null ? null : catalog.Workflow(product.Workflow, request.WorkflowVersion)?.StepTitleIn(texts, step.Step)) ?? step.Title;

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
