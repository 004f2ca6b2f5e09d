using System.Net;

namespace DelegationWidgets.Connectors.Graph.Http;

/// <summary>
/// What a change is about, for the wording of Graph's refusals of it: the change (<c>the password of 'u1'</c>), the object it
/// acts on (<c>the user 'u1'</c>, named when it is gone) and the form parameter that names it, the application permission
/// that allows the change, the form parameter a refused value belongs to, and what a 400 means (a password Entra's policy
/// refused is a <see cref="ActionErrorCode.PolicyViolation"/>; a group Graph cannot change, such as a dynamic group or a
/// mail-enabled security group, is <see cref="ActionErrorCode.NotAllowed"/>).
/// </summary>
internal sealed record ChangeWording(
    string What,
    string Target,
    string Parameter,
    string Permission,
    string? ValueParameter = null,
    ActionErrorCode BadRequestCode = ActionErrorCode.PolicyViolation);

/// <summary>Graph's refusals of a change as <see cref="ActionResult"/>s with a message a helpdesk agent or an administrator can act on.</summary>
internal static class GraphErrors
{
    /// <summary>
    /// 403: the app registration lacks a permission (or the target has an admin role the app may not touch); 404: the object
    /// is gone; 400/409: Graph refused the value. Anything else is not an answer the connector can classify: unavailable.
    /// </summary>
    public static ActionResult ToResult(HttpStatusCode status, GraphError? error, ChangeWording wording)
    {
        ArgumentNullException.ThrowIfNull(wording);
        return status switch
        {
            HttpStatusCode.Forbidden => ActionResult.Failed(
                ActionErrorCode.InsufficientRights,
                $"The connector's app registration is not allowed to change {wording.What}: it needs the Microsoft Graph application permission {wording.Permission}. Microsoft Graph said: {Reason(error)}"),
            HttpStatusCode.NotFound => ActionResult.Failed(
                ActionErrorCode.NotFound,
                $"{Capitalised(wording.Target)} no longer exists in Microsoft Entra ID.",
                wording.Parameter),
            HttpStatusCode.BadRequest or HttpStatusCode.Conflict => ActionResult.Failed(
                wording.BadRequestCode,
                $"Microsoft Graph refused the change to {wording.What}: {Reason(error)}",
                wording.ValueParameter ?? wording.Parameter),
            _ => throw new GraphUnavailableException($"Microsoft Graph answered a change to {wording.What} with HTTP {(int)status} {status}: {Reason(error)}"),
        };
    }

    /// <summary>Graph's answer to adding a member who already is one: 400 "One or more added object references already exist …".</summary>
    public static bool IsAlreadyMember(HttpStatusCode status, GraphError? error) =>
        status == HttpStatusCode.BadRequest && error?.Message?.Contains("already exist", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Graph's own message, or a placeholder when the answer had none.</summary>
    public static string Reason(GraphError? error) =>
        error?.Message is { Length: > 0 } message ? message : error?.Code ?? "no reason given";

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
