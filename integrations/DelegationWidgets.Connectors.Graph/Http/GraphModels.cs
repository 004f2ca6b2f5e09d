using System.Text.Json.Serialization;

namespace DelegationWidgets.Connectors.Graph.Http;

/// <summary>
/// A user or group as Graph returns it, with the properties the connector selects (<c>$select</c>); Graph leaves out what
/// was not selected. <see cref="ODataType"/> tells groups from roles and administrative units in a <c>memberOf</c> list.
/// </summary>
internal sealed record GraphObject(
    string Id,
    [property: JsonPropertyName("@odata.type")] string? ODataType,
    string? DisplayName,
    string? UserPrincipalName,
    string? Mail,
    string? MailNickname,
    IReadOnlyList<string>? BusinessPhones,
    string? Department,
    bool? AccountEnabled,
    string? GivenName,
    string? Surname,
    GraphObject? Manager);

/// <summary>One page of a Graph collection, and the link to the next page when there is one.</summary>
internal sealed record GraphPage(
    IReadOnlyList<GraphObject>? Value,
    [property: JsonPropertyName("@odata.nextLink")] string? NextLink);

/// <summary>Graph's error body: <c>{"error": {"code": "…", "message": "…"}}</c>.</summary>
internal sealed record GraphErrorAnswer(GraphError? Error);

internal sealed record GraphError(string? Code, string? Message);
