using System.Text.Json;
using DelegationWidgets.Connectors;
using DelegationWidgets.Host.Audit;
using DelegationWidgets.Host.Forms;
using DelegationWidgets.Host.Identity;
using DelegationWidgets.Sdk.Models;

namespace DelegationWidgets.Host.Changes;

/// <summary>Conversions between stored changes, connector results, audit records and the API's models.</summary>
internal static class ChangeMapping
{
    public const string Redacted = "[redacted]";

    public static IReadOnlyList<AttributeDiff> Diffs(ActionResult result) =>
        [.. result.Changes.Select(c => c.Secret
            ? new AttributeDiff(c.ObjectId, c.Attribute, Redacted, Redacted)
            : new AttributeDiff(c.ObjectId, c.Attribute, c.Before, c.After))];

    /// <summary>The connector's error, with its parameter mapped back to the form field it came from (as a pointer into the request body).</summary>
    public static ChangeError? Error(LoadedForm form, ActionResult result)
    {
        if (result.Error is not { } error)
        {
            return null;
        }

        string? field = null;
        if (error.Parameter is { } parameter && form.Definition.Task.Parameters.TryGetValue(parameter, out var pointer))
        {
            field = "/data" + pointer;
        }

        return new ChangeError(error.Code.ToString(), error.Message, field);
    }

    public static Change ToChange(ChangeRecord r, GeneratedSecret? secret = null, Tickets.TicketWriteBackRecord? writeBack = null) => new(
        r.Id,
        r.FormId,
        r.FormVersion,
        r.Status,
        r.TargetId,
        new Actor(r.ActorSubject, r.ActorName, r.ActorIssuer, Roles(r.ActorRoles)),
        r.Reason,
        r.Ticket,
        AsUtc(r.CreatedAt),
        r.CompletedAt is { } done ? AsUtc(done) : null,
        r.Outcome,
        JsonSerializer.Deserialize<List<AttributeDiff>>(r.ChangesJson, JsonSerializerOptions.Web) ?? [],
        r.ErrorJson is null ? null : JsonSerializer.Deserialize<ChangeError>(r.ErrorJson, JsonSerializerOptions.Web),
        secret,
        r.Ticket is null ? null : new TicketState(r.Ticket, r.TicketVerified, r.TicketSystem, writeBack?.Status, writeBack?.Attempts ?? 0, writeBack?.LastError));

    public static DelegationWidgets.Sdk.Models.AuditEvent ToEvent(AuditRecord r) => new(
        r.Sequence,
        r.Id,
        AsUtc(r.OccurredAt),
        r.Type,
        new Actor(r.ActorSubject, r.ActorName, r.ActorIssuer, Roles(r.ActorRoles)),
        r.Via,
        r.Address,
        r.FormId,
        r.FormVersion,
        r.TargetId,
        r.ChangeId,
        r.Reason,
        r.Ticket,
        r.Outcome,
        r.Detail,
        JsonSerializer.Deserialize<List<AttributeDiff>>(r.ChangesJson, JsonSerializerOptions.Web) ?? [],
        r.CorrelationId,
        r.PreviousHash,
        r.Hash);

    /// <summary>An audit event about a change, carrying the change's actor and context.</summary>
    public static AuditRecord Event(ChangeRecord change, string type, string outcome, DateTime at, string? detail = null, IReadOnlyList<AttributeDiff>? diffs = null) => new()
    {
        Id = Guid.NewGuid().ToString(),
        OccurredAt = at,
        Type = type,
        ActorIssuer = change.ActorIssuer,
        ActorSubject = change.ActorSubject,
        ActorName = change.ActorName,
        ActorRoles = change.ActorRoles,
        Via = change.Client,
        Address = change.Address,
        FormId = change.FormId,
        FormVersion = change.FormVersion,
        TargetId = change.TargetId,
        ChangeId = change.Id,
        Reason = change.Reason,
        Ticket = change.Ticket,
        Outcome = outcome,
        Detail = detail,
        ChangesJson = JsonSerializer.Serialize(diffs ?? [], JsonSerializerOptions.Web),
        CorrelationId = change.CorrelationId,
    };

    /// <summary>The event of an administrator's retry of a failed change: the change's context, the administrator as actor.</summary>
    public static AuditRecord Retried(ChangeRecord change, Caller admin, DateTime at, string detail, string? correlationId) =>
        ByCaller(admin, "change.retried", "pending", at, change.FormId, change.FormVersion, detail, correlationId, change.TargetId, change.Reason, change.Ticket, change.Id);

    /// <summary>An audit event for a refused attempt (no change was recorded).</summary>
    public static AuditRecord Denied(Caller caller, string? formId, int? formVersion, string? target, string detail, string? reason, string? ticket, string? correlationId, DateTime at) =>
        ByCaller(caller, "access.denied", "denied", at, formId, formVersion, detail, correlationId, target, reason, ticket);

    /// <summary>An audit event about something the caller did that is not a change (a refusal, a published form).</summary>
    public static AuditRecord ByCaller(
        Caller caller, string type, string outcome, DateTime at, string? formId, int? formVersion, string detail, string? correlationId,
        string? target = null, string? reason = null, string? ticket = null, string? changeId = null) => new()
    {
        Id = Guid.NewGuid().ToString(),
        OccurredAt = at,
        Type = type,
        ActorIssuer = caller.Issuer,
        ActorSubject = caller.Subject,
        ActorName = caller.Name,
        ActorRoles = string.Join(' ', caller.Roles),
        Via = caller.Client,
        Address = caller.Address,
        FormId = formId,
        FormVersion = formVersion,
        TargetId = target,
        ChangeId = changeId,
        Reason = reason,
        Ticket = ticket,
        Outcome = outcome,
        Detail = detail,
        CorrelationId = correlationId,
    };

    public static Caller ActorOf(ChangeRecord r) => new(r.ActorIssuer, r.ActorSubject, r.ActorName, Roles(r.ActorRoles), r.Client, r.Address)
    {
        Groups = r.ActorGroups.Split('\n', StringSplitOptions.RemoveEmptyEntries),
    };

    private static string[] Roles(string roles) => roles.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static DateTimeOffset AsUtc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
