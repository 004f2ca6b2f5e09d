using System.Text.Json;
using DelegationWidgets.Host.Audit;
using DelegationWidgets.Host.Forms;
using DelegationWidgets.Host.Identity;
using DelegationWidgets.Host.Problems;
using DelegationWidgets.Host.Storage;
using DelegationWidgets.Sdk.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Host.Changes;

/// <summary>
/// <c>POST /api/v1/admin/changes/{id}/retry</c> (role <c>dw-admin</c>): runs a failed change again, e.g. after the target
/// system was unavailable. One administrator's retry wins (the change is claimed in the database, so a second click or a
/// second administrator gets 409); the retry is audited with the administrator as actor, and the change's own actor's
/// scope is checked again before the action runs. A change whose data held a password cannot be retried: the password
/// was never stored.
/// </summary>
internal static class AdminChangesApi
{
    public static void MapAdminChangesApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/admin/changes").WithTags("Admin").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .MapPost("/{id}/retry", Retry).WithName("RetryChange")
            .WithSummary("Runs a failed change again (its actor's scope is checked again first) and returns the change as it ends.")
            .Produces<Change>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> Retry(
        string id, HttpContext context, IDbContextFactory<DelegationDbContext> databases, FormCatalog forms, AuditChain audit, ChangeRunner runner,
        IOptions<ChangesOptions> options, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context);
        if (!caller.IsAdmin)
        {
            return Problem.AdminRequired();
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var change = await db.Changes.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (change is null)
        {
            return Problem.Create(StatusCodes.Status404NotFound, ErrorIds.ChangeNotFound, "No such change.", $"There is no change '{id}'.");
        }

        var form = forms.Find(change.FormId, change.FormVersion);
        var refusal = change switch
        {
            { Status: not ChangeStatus.Failed } => $"Only a failed change can be retried; change '{id}' is {change.Status}.",
            { HadSecrets: true } => $"Change '{id}' held a password, which was never stored, so it cannot be run again: submit the form again.",
            _ when form is null => $"The form version of change '{id}' ({change.FormId} v{change.FormVersion}) is no longer available, so it cannot be run again.",
            _ => null,
        };
        if (refusal is not null)
        {
            return Problem.Create(StatusCodes.Status409Conflict, ErrorIds.NotRetryable, "This change cannot be retried.", refusal);
        }

        // The claim is one conditional update: of two retries at once, one finds the change no longer failed.
        var now = audit.Now();
        var owner = options.Value.InstanceName + ChangeRunner.RetrySuffix;
        var claimed = await db.Changes
            .Where(c => c.Id == id && c.Status == ChangeStatus.Failed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, ChangeStatus.Running)
                .SetProperty(c => c.LeaseOwner, owner)
                .SetProperty(c => c.LeaseExpiresAt, now + options.Value.LeaseDuration)
                .SetProperty(c => c.Attempts, c => c.Attempts + 1)
                .SetProperty(c => c.UpdatedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return Problem.Create(StatusCodes.Status409Conflict, ErrorIds.NotRetryable, "This change cannot be retried.",
                $"Change '{id}' is already being retried.");
        }

        change = await db.Changes.AsNoTracking().SingleAsync(c => c.Id == id, cancellationToken);
        var previous = change.ErrorJson is null ? null : JsonSerializer.Deserialize<ChangeError>(change.ErrorJson, JsonSerializerOptions.Web)?.Message;
        await audit.AppendAsync(null, ChangeWrite.None,
            [ChangeMapping.Retried(change, caller, now, $"Retried by {caller.Name} (attempt {change.Attempts}). It had failed: {previous ?? "no reason recorded"}", context.TraceIdentifier)]);

        var done = await runner.RerunAsync(change, form!);
        return TypedResults.Ok(ChangeMapping.ToChange(done));
    }
}
