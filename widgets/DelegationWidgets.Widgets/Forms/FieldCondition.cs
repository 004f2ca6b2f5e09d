using System.Text.Json;

namespace DelegationWidgets.Widgets.Forms;

/// <summary>A condition on the form's data under which a field is shown or required.</summary>
public abstract record FieldCondition
{
    public abstract bool Holds(JsonElement data);
}

/// <summary>
/// The schema's <c>if</c> (with <c>then</c> → <paramref name="Expected"/> true, <c>else</c> → false). The widget decides it
/// with <see cref="SchemaMatcher"/>, which knows the keywords conditions are written with; the server decides the data.
/// </summary>
public sealed record IfCondition(JsonElement If, bool Expected) : FieldCondition
{
    public override bool Holds(JsonElement data) => SchemaMatcher.Matches(If, data) == Expected;
}

/// <summary>A UI-schema rule <c>"showWhen": { "field": value or [values] }</c>: the other field has one of the values.</summary>
public sealed record ShowWhenCondition(string Field, IReadOnlyList<JsonElement> Values) : FieldCondition
{
    public override bool Holds(JsonElement data)
    {
        var value = data.ValueKind == JsonValueKind.Object && data.TryGetProperty(Field, out var v) ? v : default;
        return Values.Any(expected => value.ValueKind != JsonValueKind.Undefined && JsonElement.DeepEquals(expected, value)
            || expected.ValueKind == JsonValueKind.Null && value.ValueKind == JsonValueKind.Undefined);
    }
}
