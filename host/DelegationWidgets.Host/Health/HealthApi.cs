using DelegationWidgets.Host.Storage;
using DelegationWidgets.Sdk.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DelegationWidgets.Host.Health;

/// <summary><c>GET /healthz</c>: 200 when the database answers, 503 otherwise.</summary>
internal static class HealthApi
{
    public static void MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", Check).WithName("Health").WithTags("Health").AllowAnonymous()
            .WithSummary("Reports whether the host and its database are up.");
    }

    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> Check(IDbContextFactory<DelegationDbContext> databases, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken)
            ? TypedResults.Ok(new HealthReport(HealthReport.Healthy))
            : TypedResults.Json(new HealthReport("database unavailable"), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
