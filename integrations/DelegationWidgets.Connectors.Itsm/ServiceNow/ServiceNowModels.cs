using System.Text.Json;
using System.Text.Json.Serialization;

namespace DelegationWidgets.Connectors.Itsm.ServiceNow;

/// <summary>A Table API list answer: <c>{"result": [ … ]}</c>.</summary>
internal sealed record ServiceNowAnswer<T>(IReadOnlyList<T>? Result);

/// <summary>
/// A task record with the fields the connector selects. The Table API gives every value as a string (<c>"active": "true"</c>)
/// and, unless asked not to, a reference as <c>{"link", "value"}</c>; both shapes are read, see <see cref="ServiceNowValues"/>.
/// </summary>
internal sealed record ServiceNowRecord(
    [property: JsonPropertyName("sys_id")] string? SysId,
    [property: JsonPropertyName("number")] string? Number,
    [property: JsonPropertyName("state")] JsonElement State,
    [property: JsonPropertyName("active")] JsonElement Active,
    [property: JsonPropertyName("assignment_group")] JsonElement AssignmentGroup);

/// <summary>A group membership row (<c>sys_user_grmember</c>) with its <c>group</c> reference.</summary>
internal sealed record ServiceNowMembership([property: JsonPropertyName("group")] JsonElement Group);

/// <summary>Reading Table API values, which come as strings, booleans or reference objects depending on the request.</summary>
internal static class ServiceNowValues
{
    /// <summary>A plain value or a reference's <c>value</c>; null when absent or empty.</summary>
    public static string? Text(JsonElement element)
    {
        var text = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
            JsonValueKind.Object when element.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String => value.GetString(),
            _ => null,
        };
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>Whether a boolean field is true (<c>"true"</c> or <c>true</c>).</summary>
    public static bool IsTrue(JsonElement element) =>
        element.ValueKind == JsonValueKind.True
        || (element.ValueKind == JsonValueKind.String && string.Equals(element.GetString(), "true", StringComparison.OrdinalIgnoreCase));
}
