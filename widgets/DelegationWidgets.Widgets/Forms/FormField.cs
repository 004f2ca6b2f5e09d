using System.Text.Json;

namespace DelegationWidgets.Widgets.Forms;

/// <summary>One labelled value a field may take.</summary>
public sealed record FieldOption(JsonElement Value, string Label)
{
    public string Key => Value.ValueKind == JsonValueKind.String ? Value.GetString()! : Value.GetRawText();
}

/// <summary>
/// One field of a form, as the schema and UI schema describe it: enough to render it, show or hide it, validate it as the
/// user works and put its value into the submitted data.
/// </summary>
public sealed record FormField(string Name, FieldKind Kind, string Label)
{
    /// <summary>Where the value sits in the data: the names from the root joined by <c>/</c> (<c>user</c>, <c>address/street</c>).</summary>
    public string Key { get; init; } = Name;

    /// <summary>The title of the section (nested object) the field belongs to, or null at the top.</summary>
    public string? Section { get; init; }

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

    /// <summary>For rows (an array of objects): the fields of one row, and how many rows there may be.</summary>
    public IReadOnlyList<FormField> ItemFields { get; init; } = [];
    public int? MinItems { get; init; }
    public int? MaxItems { get; init; }

    /// <summary>The field is shown (and its value sent) only while every one of these holds.</summary>
    public IReadOnlyList<FieldCondition> ShownWhen { get; init; } = [];

    /// <summary>The field is required (besides <see cref="Required"/>) while any of these holds.</summary>
    public IReadOnlyList<FieldCondition> RequiredWhen { get; init; } = [];
}
