using System.Text.Json;
using System.Text.Json.Nodes;

namespace DelegationWidgets.Host.Changes;

/// <summary>RFC 6901 JSON pointers into form data (object members only, which is where form fields live).</summary>
internal static class JsonPointer
{
    /// <summary>The value the pointer names, or null when there is none.</summary>
    public static JsonElement? Find(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var segment in Segments(pointer))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>Removes the member the pointer names, if it is there.</summary>
    public static void Remove(JsonObject root, string pointer)
    {
        var segments = Segments(pointer).ToArray();
        if (segments.Length == 0)
        {
            return;
        }

        JsonNode? parent = root;
        foreach (var segment in segments[..^1])
        {
            parent = parent is JsonObject o && o.TryGetPropertyValue(segment, out var child) ? child : null;
        }

        (parent as JsonObject)?.Remove(segments[^1]);
    }

    private static IEnumerable<string> Segments(string pointer) =>
        pointer.Split('/', StringSplitOptions.None).Skip(1).Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
}
