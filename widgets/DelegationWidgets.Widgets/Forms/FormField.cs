using System.Text.Json;

namespace DelegationWidgets.Widgets.Forms;

/// <summary>One labelled value a field may take.</summary>
public sealed record FieldOption(JsonElement Value, string Label)
{
    public string Key => Value.ValueKind == JsonValueKind.String ? Value.GetString()! : Value.GetRawText();
}

/// <summary>
/// One field of a form, as the schema and UI schema describe it: enough to render it, validate it as the user works and
/// put its value into the submitted data.
/// </summary>
public sealed record FormField(string Name, FieldKind Kind, string Label)
{
    /// <summary>The JSON pointer of the field in the submitted body (<c>/data/user</c>), as problem responses name it.</summary>
    public string DataPath => "/data/" + Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public string? Help { get; init; }
    public string? Placeholder { get; init; }
    public bool Required { get; init; }
    public bool ReadOnly { get; init; }
    public bool Radio { get; init; }
    public JsonElement? Default { get; init; }
    public JsonElement? Const { get; init; }
    public IReadOnlyList<FieldOption> Options { get; init; } = [];
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
    public string? Pattern { get; init; }
    public decimal? Minimum { get; init; }
    public decimal? Maximum { get; init; }

    /// <summary>For a lookup: the fields whose values narrow the options (cascading).</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];
}
