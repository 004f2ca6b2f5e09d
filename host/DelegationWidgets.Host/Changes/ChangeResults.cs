using DelegationWidgets.Host.Problems;
using DelegationWidgets.Sdk.Models;

namespace DelegationWidgets.Host.Changes;

/// <summary>
/// The HTTP answer for a recorded change: 201 with the change when it succeeded, 202 while it runs, and a
/// problem response carrying the change (and its id) when it failed or was refused at execution.
/// </summary>
internal static class ChangeResults
{
    public static IResult Of(ChangeRecord record, GeneratedSecret? secret)
    {
        var change = ChangeMapping.ToChange(record, secret);
        return record.Status switch
        {
            ChangeStatus.Succeeded => TypedResults.Created($"/api/v1/changes/{record.Id}", change),
            ChangeStatus.Running or ChangeStatus.Queued or ChangeStatus.PendingApproval => TypedResults.Accepted($"/api/v1/changes/{record.Id}", change),
            ChangeStatus.Rejected => Problem.Create(StatusCodes.Status403Forbidden, ErrorIds.OutOfScope, "Refused at execution.",
                change.Error?.Message ?? "The change was refused just before it ran.", FieldErrors(change), Extensions(change)),
            _ when change.Error?.Code == "Unavailable" => Problem.Create(StatusCodes.Status503ServiceUnavailable, ErrorIds.TargetUnavailable,
                "The target system is unavailable.", change.Error.Message, FieldErrors(change), Extensions(change)),
            _ => Problem.Create(StatusCodes.Status422UnprocessableEntity, ErrorIds.TargetRefused, "The target system refused the change.",
                change.Error?.Message ?? "The change failed.", FieldErrors(change), Extensions(change)),
        };
    }

    private static Dictionary<string, string[]>? FieldErrors(Change change) =>
        change.Error is { Field: { } field } error ? new() { [field] = [error.Message] } : null;

    private static KeyValuePair<string, object?>[] Extensions(Change change) =>
        [new("changeId", change.Id), new("status", change.Status), new("change", change)];
}
