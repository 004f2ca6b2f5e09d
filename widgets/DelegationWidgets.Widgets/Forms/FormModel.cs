using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DelegationWidgets.Sdk.Models;
using DelegationWidgets.Widgets.Texts;

namespace DelegationWidgets.Widgets.Forms;

/// <summary>
/// A form's fields (from its JSON Schema and UI schema) and the values the user entered: which fields are shown
/// (<c>if/then/else</c> branches, UI <c>showWhen</c> rules), validation as the user works and the data that is submitted
/// (shown fields only). Validation here is for the user's benefit; the server validates again with the Form Profile and
/// its problem responses are mapped onto the same fields.
/// <para>Values are keyed by <see cref="FormField.Key"/>; a cell of a row by <c>rows/0/name</c>. Rows hold a list of
/// dictionaries keyed by the row fields' names.</para>
/// </summary>
public sealed class FormModel
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    private FormModel(FormDefinition definition, IReadOnlyList<FormField> fields)
    {
        Definition = definition;
        Fields = fields;
        foreach (var field in fields)
        {
            _values[field.Key] = field.Kind == FieldKind.Rows ? Enumerable.Range(0, field.MinItems ?? 0).Select(_ => NewRow(field)).ToList() : Initial(field);
        }
    }

    public FormDefinition Definition { get; }

    /// <summary>Every field, shown or not, in display order.</summary>
    public IReadOnlyList<FormField> Fields { get; }

    /// <summary>The fields of a form, in the UI schema's order (then the schema's), with their defaults as values.</summary>
    public static FormModel From(FormDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var ui = definition.UiSchema.ValueKind == JsonValueKind.Object ? definition.UiSchema : default;
        var hints = Get(ui, "fields");
        var fields = new List<FormField>();
        AddObject(definition.Schema, "", null, [], hints, definition.Lookups, fields);

        // if/then/else at the top (and in allOf entries): fields only a branch declares are shown with that branch; a
        // branch's required list makes fields required while it applies.
        var conditionals = new List<JsonElement> { definition.Schema };
        if (Get(definition.Schema, "allOf") is { ValueKind: JsonValueKind.Array } allOf)
        {
            conditionals.AddRange(allOf.EnumerateArray());
        }

        foreach (var conditional in conditionals.Where(c => Get(c, "if").ValueKind != JsonValueKind.Undefined))
        {
            foreach (var (branch, expected) in new[] { ("then", true), ("else", false) })
            {
                var schema = Get(conditional, branch);
                if (schema.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var condition = new IfCondition(Get(conditional, "if").Clone(), expected);
                var known = fields.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
                var added = new List<FormField>();
                AddObject(schema, "", null, [condition], hints, definition.Lookups, added);
                fields.AddRange(added.Where(f => !known.Contains(f.Key)));
                foreach (var name in Names(Get(schema, "required")))
                {
                    var at = fields.FindIndex(f => f.Key == name);
                    if (at >= 0)
                    {
                        fields[at] = fields[at] with { RequiredWhen = [.. fields[at].RequiredWhen, condition] };
                    }
                }
            }
        }

        var order = Names(Get(ui, "order")).ToList();
        var ordered = fields
            .Select((field, index) => (field, index))
            .OrderBy(p => order.IndexOf(p.field.Key.Split('/')[0]) is var at && at >= 0 ? at : order.Count)
            .ThenBy(p => p.index)
            .Select(p => p.field)
            .ToList();
        return new FormModel(definition, ordered);
    }

    private static void AddObject(
        JsonElement schema, string prefix, string? section, IReadOnlyList<FieldCondition> conditions, JsonElement hints,
        IReadOnlyDictionary<string, FormLookup> lookups, List<FormField> fields, bool parentRequired = true)
    {
        var properties = Get(schema, "properties");
        if (properties.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var required = Names(Get(schema, "required")).ToHashSet(StringComparer.Ordinal);
        foreach (var property in properties.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var key = prefix + property.Name;
            var hint = Get(hints, key);
            var type = Text(property.Value, "type");
            if (type == "object" && Get(property.Value, "properties").ValueKind == JsonValueKind.Object)
            {
                // A section: its fields, keyed below it.
                AddObject(property.Value, key + "/", Text(property.Value, "title") ?? property.Name, With(conditions, hint), hints, lookups, fields,
                    parentRequired && required.Contains(property.Name));
                continue;
            }

            lookups.TryGetValue(key, out var lookup);
            var field = Field(property.Name, property.Value, hint, parentRequired && required.Contains(property.Name), lookup) with
            {
                Key = key,
                Section = section,
                ShownWhen = With(conditions, hint),
            };
            if (field.Kind == FieldKind.Rows)
            {
                var rowFields = new List<FormField>();
                AddObject(Get(property.Value, "items"), "", null, [], Get(hint, "items"), new Dictionary<string, FormLookup>(), rowFields);
                field = field with { ItemFields = rowFields };
            }

            fields.Add(field);
        }
    }

    private static IReadOnlyList<FieldCondition> With(IReadOnlyList<FieldCondition> conditions, JsonElement hint)
    {
        var showWhen = Get(hint, "showWhen");
        if (showWhen.ValueKind != JsonValueKind.Object)
        {
            return conditions;
        }

        return [.. conditions, .. showWhen.EnumerateObject().Select(rule => (FieldCondition)new ShowWhenCondition(rule.Name,
            rule.Value.ValueKind == JsonValueKind.Array ? [.. rule.Value.EnumerateArray().Select(v => v.Clone())] : [rule.Value.Clone()]))];
    }

    private static FormField Field(string name, JsonElement property, JsonElement hints, bool required, FormLookup? lookup)
    {
        var widget = Text(hints, "widget");
        var type = Text(property, "type");
        var format = Text(property, "format");
        var options = Options(property);
        var items = Get(property, "items");
        var kind = lookup is not null ? FieldKind.Lookup
            : type == "array" && Text(items, "type") == "object" ? FieldKind.Rows
            : type == "array" ? FieldKind.MultiChoice
            : options.Count > 0 ? FieldKind.Choice
            : type == "boolean" ? FieldKind.Boolean
            : type == "integer" ? FieldKind.WholeNumber
            : type == "number" ? FieldKind.Number
            : widget == "password" || format == "password" || Flag(property, "writeOnly") ? FieldKind.Password
            : widget == "date" || format == "date" ? FieldKind.Date
            : format == "email" ? FieldKind.Email
            : widget is "textarea" or "multiline" ? FieldKind.Multiline
            : FieldKind.Text;
        if (kind == FieldKind.MultiChoice)
        {
            options = Options(items);
        }

        return new FormField(name, kind, Text(property, "title") ?? name)
        {
            Help = Text(hints, "help") ?? Text(property, "description"),
            Placeholder = Text(hints, "placeholder"),
            Required = required,
            ReadOnly = Flag(property, "readOnly") || Flag(hints, "readOnly"),
            Radio = widget == "radio",
            Default = property.TryGetProperty("default", out var d) ? d.Clone() : null,
            Const = property.TryGetProperty("const", out var c) ? c.Clone() : null,
            Options = options,
            MinLength = Int(property, "minLength"),
            MaxLength = Int(property, "maxLength"),
            Pattern = Text(property, "pattern"),
            Minimum = Number(property, "minimum"),
            Maximum = Number(property, "maximum"),
            MinItems = Int(property, "minItems"),
            MaxItems = Int(property, "maxItems"),
            DependsOn = lookup?.DependsOn ?? [],
        };
    }

    private static List<FieldOption> Options(JsonElement schema)
    {
        if (Get(schema, "oneOf") is { ValueKind: JsonValueKind.Array } oneOf
            && oneOf.EnumerateArray().All(o => o.ValueKind == JsonValueKind.Object && o.TryGetProperty("const", out _)))
        {
            return [.. oneOf.EnumerateArray().Select(o => new FieldOption(o.GetProperty("const").Clone(), Text(o, "title") ?? o.GetProperty("const").ToString()))];
        }

        return Get(schema, "enum") is { ValueKind: JsonValueKind.Array } values
            ? [.. values.EnumerateArray().Select(v => new FieldOption(v.Clone(), v.ToString()))]
            : [];
    }

    private static JsonElement Get(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) ? v : default;

    private static IEnumerable<string> Names(JsonElement array) =>
        array.ValueKind == JsonValueKind.Array ? array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : null).OfType<string>() : [];

    private static string? Text(JsonElement element, string name) => Get(element, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    private static bool Flag(JsonElement element, string name) => Get(element, name).ValueKind == JsonValueKind.True;

    private static int? Int(JsonElement element, string name) => Get(element, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out var i) ? i : null;

    private static decimal? Number(JsonElement element, string name) => Get(element, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetDecimal(out var n) ? n : null;

    private static object? Initial(FormField field) => field.Default is not { } value ? (field.Kind == FieldKind.MultiChoice ? new List<string>() : null)
        : field.Kind switch
        {
            FieldKind.Boolean => value.ValueKind == JsonValueKind.True,
            FieldKind.MultiChoice => value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => new FieldOption(v, "").Key).ToList() : new List<string>(),
            FieldKind.Number or FieldKind.WholeNumber => value.TryGetDecimal(out var n) ? n : null,
            FieldKind.Choice => field.Options.FirstOrDefault(o => JsonElement.DeepEquals(o.Value, value))?.Key,
            _ => value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString(),
        };

    /// <summary>A new row of a rows field, with the row fields' defaults.</summary>
    public static Dictionary<string, object?> NewRow(FormField rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.ItemFields.ToDictionary(f => f.Name, Initial, StringComparer.Ordinal);
    }

    public object? this[string key]
    {
        get => _values.GetValueOrDefault(key);
        set => _values[key] = value;
    }

    /// <summary>The rows of a rows field.</summary>
    public List<Dictionary<string, object?>> Rows(FormField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (this[field.Key] is not List<Dictionary<string, object?>> rows)
        {
            this[field.Key] = rows = [];
        }

        return rows;
    }

    public string TextOf(string key) => Text(this[key]);

    public static string Text(object? value) => value switch
    {
        string s => s,
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        _ => "",
    };

    /// <summary>Whether the field is shown now (its conditions hold for the data of the shown fields).</summary>
    public bool IsShown(FormField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.ShownWhen.Count == 0 || ShownKeys().Contains(field.Key);
    }

    /// <summary>
    /// The keys of the shown fields: the unconditional ones, then, round by round, those whose conditions hold for the data
    /// of the fields shown so far, until nothing changes. A hidden field's old value never shows another field.
    /// </summary>
    public IReadOnlySet<string> Shown() => ShownKeys();

    private HashSet<string> ShownKeys()
    {
        var shown = Fields.Where(f => f.ShownWhen.Count == 0).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        for (var round = 0; round <= Fields.Count; round++)
        {
            var data = Data(shown);
            var next = Fields.Where(f => f.ShownWhen.All(c => c.Holds(data))).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
            if (next.SetEquals(shown))
            {
                break;
            }

            shown = next;
        }

        return shown;
    }

    /// <summary>The shown fields (<see cref="Shown"/>) in display order, in runs of the same section (null: not in a section).</summary>
    public List<(string? Section, List<FormField> Fields)> Sections(IReadOnlySet<string> shown)
    {
        ArgumentNullException.ThrowIfNull(shown);
        var runs = new List<(string? Section, List<FormField> Fields)>();
        foreach (var field in Fields.Where(f => shown.Contains(f.Key)))
        {
            if (runs.Count == 0 || runs[^1].Section != field.Section)
            {
                runs.Add((field.Section, []));
            }

            runs[^1].Fields.Add(field);
        }

        return runs;
    }

    /// <summary>
    /// The field a JSON pointer into the data names, as the Form Profile and the server's problem responses (after their
    /// <c>/data</c>) key their messages: the field itself (<c>/address/street</c> → <c>address/street</c>), a cell of a row
    /// (<c>/devices/0/tag</c> → <c>devices/0/tag</c>), or the deepest field the pointer lies in; null when it names none.
    /// </summary>
    public string? KeyOf(string jsonPointer)
    {
        ArgumentNullException.ThrowIfNull(jsonPointer);
        var key = string.Join('/', jsonPointer.TrimStart('/').Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)));
        return Fields.Any(f => f.Key == key) ? key
            : Fields.FirstOrDefault(f => f.Kind == FieldKind.Rows && key.StartsWith(f.Key + "/", StringComparison.Ordinal)) is { } rows
                && rows.ItemFields.Any(c => key.EndsWith("/" + c.Name, StringComparison.Ordinal)) ? key
            : Fields.Where(f => key.StartsWith(f.Key + "/", StringComparison.Ordinal)).OrderByDescending(f => f.Key.Length).FirstOrDefault()?.Key;
    }

    /// <summary>Whether the field must have a value now.</summary>
    public bool IsRequired(FormField field) => IsRequired(field, ShownKeys());

    /// <summary>Whether the field must have a value, given the keys of the shown fields (<see cref="Shown"/>, once per render).</summary>
    public bool IsRequired(FormField field, IReadOnlySet<string> shown)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Required)
        {
            return true;
        }

        if (field.RequiredWhen.Count == 0)
        {
            return false;
        }

        var data = Data(shown);
        return field.RequiredWhen.Any(c => c.Holds(data));
    }

    /// <summary>The message for a field's current value, or null when it is valid.</summary>
    public string? Validate(FormField field, WidgetTexts texts) => Check(field, this[field.Key], IsRequired(field), texts);

    /// <summary>The message for a value of a field, or null when it is valid.</summary>
    public static string? Check(FormField field, object? value, bool required, WidgetTexts texts)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(texts);
        if (field.Const is { ValueKind: JsonValueKind.True } && value is not true)
        {
            return texts.MustConfirm;
        }

        if (field.Kind == FieldKind.Rows)
        {
            var count = value is List<Dictionary<string, object?>> rows ? rows.Count : 0;
            return field.MinItems is { } min && count < min ? texts.TooFewRows(min)
                : field.MaxItems is { } max && count > max ? texts.TooManyRows(max)
                : required && count == 0 ? texts.TooFewRows(1)
                : null;
        }

        if (IsEmpty(value))
        {
            return required && field.Kind != FieldKind.Boolean ? texts.Required : null;
        }

        switch (value)
        {
            case string when field.Kind is FieldKind.Number or FieldKind.WholeNumber:
                return texts.NotANumber;
            case string text:
                var length = text.EnumerateRunes().Count();
                if (field.MinLength is { } min && length < min)
                {
                    return texts.TooShort(min);
                }

                if (field.MaxLength is { } max && length > max)
                {
                    return texts.TooLong(max);
                }

                if (field.Kind == FieldKind.Email && !IsEmail(text))
                {
                    return texts.NotAnEmail;
                }

                if (field.Kind == FieldKind.Date && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    return texts.NotADate;
                }

                return field.Pattern is { } pattern && !Matches(text, pattern) ? texts.WrongFormat : null;
            case decimal number:
                if (field.Kind == FieldKind.WholeNumber && number != decimal.Truncate(number))
                {
                    return texts.NotAWholeNumber;
                }

                return field.Minimum is { } minimum && number < minimum ? texts.AtLeast(minimum)
                    : field.Maximum is { } maximum && number > maximum ? texts.AtMost(maximum)
                    : null;
            default:
                return null;
        }
    }

    /// <summary>Messages of every shown field (and row cell) that is not valid, keyed by field key or <c>rows/0/name</c>.</summary>
    public Dictionary<string, string> ValidateAll(WidgetTexts texts)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var shown = ShownKeys();
        foreach (var field in Fields.Where(f => shown.Contains(f.Key)))
        {
            if (Validate(field, texts) is { } message)
            {
                errors[field.Key] = message;
            }

            if (field.Kind == FieldKind.Rows)
            {
                var rows = Rows(field);
                for (var i = 0; i < rows.Count; i++)
                {
                    foreach (var cell in field.ItemFields)
                    {
                        if (Check(cell, rows[i].GetValueOrDefault(cell.Name), cell.Required, texts) is { } cellMessage)
                        {
                            errors[$"{field.Key}/{i}/{cell.Name}"] = cellMessage;
                        }
                    }
                }
            }
        }

        return errors;
    }

    /// <summary>The data to submit: the shown fields with a value (empty optional fields and hidden branches are left out).</summary>
    public JsonElement ToData() => Data(ShownKeys());

    private JsonElement Data(IReadOnlySet<string> keys)
    {
        var data = new JsonObject();
        foreach (var field in Fields)
        {
            if (!keys.Contains(field.Key) || ToNode(field, this[field.Key]) is not { } node)
            {
                continue;
            }

            var parent = data;
            var path = field.Key.Split('/');
            foreach (var segment in path[..^1])
            {
                parent = parent[segment] as JsonObject ?? (JsonObject)(parent[segment] = new JsonObject());
            }

            parent[path[^1]] = node;
        }

        return JsonSerializer.SerializeToElement(data, FormJsonContext.Default.JsonObject);
    }

    private static JsonNode? ToNode(FormField field, object? value)
    {
        if (field.Kind == FieldKind.Rows)
        {
            if (value is not List<Dictionary<string, object?>> { Count: > 0 } rows)
            {
                return null;
            }

            return new JsonArray([.. rows.Select(row =>
            {
                var item = new JsonObject();
                foreach (var cell in field.ItemFields)
                {
                    if (ToNode(cell, row.GetValueOrDefault(cell.Name)) is { } node)
                    {
                        item[cell.Name] = node;
                    }
                }

                return (JsonNode)item;
            })]);
        }

        if (IsEmpty(value) && field.Kind != FieldKind.Boolean)
        {
            return null;
        }

        return field.Kind switch
        {
            FieldKind.Boolean => JsonValue.Create(value is true),
            FieldKind.Number or FieldKind.WholeNumber => value is decimal number ? JsonValue.Create(number) : JsonValue.Create(Text(value)),
            FieldKind.Choice => field.Options.FirstOrDefault(o => o.Key == Text(value)) is { } option ? JsonNode.Parse(option.Value.GetRawText()) : JsonValue.Create(Text(value)),
            FieldKind.MultiChoice => new JsonArray([.. ((List<string>)value!).Select(key => field.Options.FirstOrDefault(o => o.Key == key)).OfType<FieldOption>().Select(o => JsonNode.Parse(o.Value.GetRawText()))]),
            _ => JsonValue.Create(Text(value)),
        };
    }

    private static bool IsEmpty(object? value) => value is null || value is string { Length: 0 } || value is List<string> { Count: 0 };

    private static bool IsEmail(string text)
    {
        var at = text.LastIndexOf('@');
        return at > 0 && at < text.Length - 1 && !text.Any(char.IsWhiteSpace) && text.IndexOf('@', StringComparison.Ordinal) == at;
    }

    private static bool Matches(string text, string pattern)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (Exception e) when (e is ArgumentException or RegexMatchTimeoutException)
        {
            return true; // the server decides
        }
    }
}
