using System.Globalization;
using System.Text;
using System.Text.Json;
using DelegationWidgets.Connectors;
using DelegationWidgets.Host.Changes;
using DelegationWidgets.Host.Identity;
using DelegationWidgets.Host.Lookups;
using DelegationWidgets.Host.Policy;
using DelegationWidgets.Host.Problems;
using DelegationWidgets.Host.Storage;
using DelegationWidgets.Sdk.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DelegationWidgets.Host.Audit;

/// <summary>
/// <c>/api/v1/audit</c>: the audit trail, newest first, filtered and paged; exports as CSV or JSON Lines; and the
/// chain check. Administrators read everything; others read their own actions, and the history of a target that
/// lies within their delegation.
/// </summary>
internal static class AuditApi
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", List).WithName("ListAuditEvents")
            .WithSummary("Lists audit events, newest first, filtered by actor, target, form, ticket and time; page with the returned cursor.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/export", Export).WithName("ExportAuditEvents")
            .WithSummary("Exports the matching audit events as CSV (cells that could be formulas are neutralised) or JSON Lines.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv", "application/x-ndjson")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/verify", Verify).WithName("VerifyAuditChain")
            .WithSummary("Checks the hash chain and names the first event that was altered, removed or reordered (administrators only).")
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> List(
        string? actor, string? target, string? form, string? ticket, DateTimeOffset? from, DateTimeOffset? to, string? cursor, int? limit,
        HttpContext context, IDbContextFactory<DelegationDbContext> databases, ScopeResolver scopes, ConnectorRegistry connectors, CancellationToken cancellationToken)
    {
        long? before = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var c) || c < 1)
            {
                return Problem.Create(StatusCodes.Status400BadRequest, ErrorIds.InvalidQuery, "The cursor is not valid.",
                    "Pass the nextCursor of the previous page unchanged.", new Dictionary<string, string[]> { ["/cursor"] = ["Not a cursor from this API."] });
            }

            before = c;
        }

        var size = limit ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            return Problem.Create(StatusCodes.Status400BadRequest, ErrorIds.InvalidQuery, "The page size is not valid.",
                $"Ask for 1 to {MaxPageSize} events per page.", new Dictionary<string, string[]> { ["/limit"] = [$"Between 1 and {MaxPageSize}."] });
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var query = await FilterAsync(db, Caller.From(context), actor, target, form, ticket, from, to, scopes, connectors, cancellationToken);
        if (before is { } b)
        {
            query = query.Where(e => e.Sequence < b);
        }

        var rows = await query.OrderByDescending(e => e.Sequence).Take(size + 1).ToListAsync(cancellationToken);
        var next = rows.Count > size ? rows[size - 1].Sequence.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new AuditPage([.. rows.Take(size).Select(ChangeMapping.ToEvent)], next));
    }

    private static async Task<IResult> Export(
        string? format, string? actor, string? target, string? form, string? ticket, DateTimeOffset? from, DateTimeOffset? to,
        HttpContext context, IDbContextFactory<DelegationDbContext> databases, ScopeResolver scopes, ConnectorRegistry connectors, CancellationToken cancellationToken)
    {
        format ??= "csv";
        if (format is not ("csv" or "jsonl"))
        {
            return Problem.Create(StatusCodes.Status400BadRequest, ErrorIds.InvalidQuery, "Unknown export format.",
                "Use format=csv or format=jsonl.", new Dictionary<string, string[]> { ["/format"] = ["Use csv or jsonl."] });
        }

        var caller = Caller.From(context);
        var response = context.Response;
        response.ContentType = format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"audit.{format}\"";
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var query = (await FilterAsync(db, caller, actor, target, form, ticket, from, to, scopes, connectors, cancellationToken)).OrderBy(e => e.Sequence);
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false));
        if (format == "csv")
        {
            await writer.WriteLineAsync(string.Join(',', AuditCsv.Header));
        }

        await foreach (var record in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(format == "csv"
                ? AuditCsv.Row(record)
                : JsonSerializer.Serialize(ChangeMapping.ToEvent(record), JsonSerializerOptions.Web));
        }

        return Results.Empty;
    }

    private static async Task<Results<Ok<AuditVerification>, ProblemHttpResult>> Verify(HttpContext context, IDbContextFactory<DelegationDbContext> databases, CancellationToken cancellationToken)
    {
        if (!Caller.From(context).IsAdmin)
        {
            return Problem.AdminRequired();
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return TypedResults.Ok(await AuditChain.VerifyAsync(db, cancellationToken));
    }

    private static async Task<IQueryable<AuditRecord>> FilterAsync(
        DelegationDbContext db, Caller caller, string? actor, string? target, string? form, string? ticket, DateTimeOffset? from, DateTimeOffset? to,
        ScopeResolver scopes, ConnectorRegistry connectors, CancellationToken cancellationToken)
    {
        IQueryable<AuditRecord> query = db.AuditEvents.AsNoTracking();
        if (!caller.IsAdmin && !await TargetInScopeAsync(caller, target, scopes, connectors, cancellationToken))
        {
            query = query.Where(e => e.ActorIssuer == caller.Issuer && e.ActorSubject == caller.Subject);
        }

        if (!string.IsNullOrEmpty(actor))
        {
            query = query.Where(e => e.ActorSubject == actor);
        }

        if (!string.IsNullOrEmpty(target))
        {
            query = query.Where(e => e.TargetId == target);
        }

        if (!string.IsNullOrEmpty(form))
        {
            query = query.Where(e => e.FormId == form);
        }

        if (!string.IsNullOrEmpty(ticket))
        {
            query = query.Where(e => e.Ticket == ticket);
        }

        if (from is { } f)
        {
            var fromUtc = f.UtcDateTime;
            query = query.Where(e => e.OccurredAt >= fromUtc);
        }

        if (to is { } t)
        {
            var toUtc = t.UtcDateTime;
            query = query.Where(e => e.OccurredAt < toUtc);
        }

        return query;
    }

    /// <summary>Whether a non-administrator may read a target's whole history: the target must be within their delegation.</summary>
    private static async Task<bool> TargetInScopeAsync(Caller caller, string? target, ScopeResolver scopes, ConnectorRegistry connectors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(target) || !connectors.Has("directory"))
        {
            return false;
        }

        var scope = scopes.AllTargets(caller);
        if (scope.IsEmpty)
        {
            return false;
        }

        var item = await connectors.Get("directory").FindAsync(DirectoryObjectKind.User, target, cancellationToken);
        return item is not null && scope.Contains(item);
    }
}
