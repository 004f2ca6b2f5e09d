using System.Text.Json;

namespace DelegationWidgets.Widgets.Forms;

/// <summary>
/// Decides the conditions (<c>if</c>) of a form schema against the data the user entered, to show the right branch:
/// <c>const</c>, <c>enum</c>, <c>type</c>, <c>required</c>, <c>properties</c>, <c>minLength</c>, <c>allOf</c>, <c>anyOf</c>,
/// <c>oneOf</c>, <c>not</c> and boolean schemas. Other keywords count as met; the server validates the data in full.
/// </summary>
public static class SchemaMatcher
{
    public static bool Matches(JsonElement schema, JsonElement data)
    {
        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.Undefined)
        {
            return true;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            var value = keyword.Value;
            var met = keyword.Name switch
            {
                "const" => JsonElement.DeepEquals(value, data),
                "enum" => value.ValueKind == JsonValueKind.Array && value.EnumerateArray().Any(v => JsonElement.DeepEquals(v, data)),
                "type" => value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Any(t => IsType(data, t.GetString())) : IsType(data, value.GetString()),
                "required" => data.ValueKind != JsonValueKind.Object || value.EnumerateArray().All(name => data.TryGetProperty(name.GetString()!, out _)),
                "properties" => data.ValueKind != JsonValueKind.Object || value.EnumerateObject().All(p => !data.TryGetProperty(p.Name, out var item) || Matches(p.Value, item)),
                "minLength" => data.ValueKind != JsonValueKind.String || data.GetString()!.Length >= value.GetInt32(),
                "allOf" => value.EnumerateArray().All(s => Matches(s, data)),
                "anyOf" => value.EnumerateArray().Any(s => Matches(s, data)),
                "oneOf" => value.EnumerateArray().Count(s => Matches(s, data)) == 1,
                "not" => !Matches(value, data),
                _ => true,
            };
            if (!met)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsType(JsonElement data, string? type) => type switch
    {
        "object" => data.ValueKind == JsonValueKind.Object,
        "array" => data.ValueKind == JsonValueKind.Array,
        "string" => data.ValueKind == JsonValueKind.String,
        "boolean" => data.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => data.ValueKind == JsonValueKind.Null,
        "number" => data.ValueKind == JsonValueKind.Number,
        "integer" => data.ValueKind == JsonValueKind.Number && data.TryGetDecimal(out var d) && d == decimal.Truncate(d),
        _ => false,
    };
}
