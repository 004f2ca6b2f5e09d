using DelegationWidgets.Host.Identity;
using DelegationWidgets.Host.Problems;
using DelegationWidgets.Host.Storage;
using DelegationWidgets.Sdk.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DelegationWidgets.Host.Changes;

/// <summary><c>POST /api/v1/forms/{id}/submissions</c> and <c>GET /api/v1/changes/{id}</c>.</summary>
internal static class ChangesApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static void MapChangesApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/forms").WithTags("Changes").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .MapPost("/{id}/submissions", Submit)
            .WithName("Submit")
            .WithSummary("Submits a form: validated, scope-checked, recorded durably, then run. With dryRun, returns the before/after without changing anything. " +
                "The same Idempotency-Key returns the first result without running the action again.")
            .Produces<Change>(StatusCodes.Status201Created)
            .Produces<Change>(StatusCodes.Status202Accepted)
            .Produces<DryRunResult>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        app.MapGroup("/api/v1/changes").WithTags("Changes").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .MapGet("/{id}", GetChange)
            .WithName("GetChange")
            .WithSummary("Gets a change the caller made (administrators: any change).")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static Task<IResult> Submit(
        string id,
        SubmissionRequest request,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        HttpContext context,
        SubmissionPipeline pipeline,
        CancellationToken cancellationToken) =>
        pipeline.SubmitAsync(Caller.From(context), id, request, idempotencyKey, context.TraceIdentifier, cancellationToken);

    private static async Task<Results<Ok<Change>, ProblemHttpResult>> GetChange(string id, HttpContext context, IDbContextFactory<DelegationDbContext> databases, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var change = await db.Changes.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (change is null || !(caller.IsAdmin || (change.ActorIssuer == caller.Issuer && change.ActorSubject == caller.Subject)))
        {
            return Problem.Create(StatusCodes.Status404NotFound, ErrorIds.ChangeNotFound, "No such change.", $"There is no change '{id}' that you made.");
        }

        var writeBack = await db.TicketWriteBacks.AsNoTracking().Where(w => w.ChangeId == id).OrderByDescending(w => w.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(ChangeMapping.ToChange(change, writeBack: writeBack));
    }
}
