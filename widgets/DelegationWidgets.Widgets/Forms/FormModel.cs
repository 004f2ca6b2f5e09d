using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DelegationWidgets.Sdk.Models;
using DelegationWidgets.Widgets.Texts;

namespace DelegationWidgets.Widgets.Forms;

/// <summary>
/// A form's fields (from its JSON Schema and UI schema) and the values the user entered: validation as the user works
/// and the data object that is submitted. Validation here is for the user's benefit; the server validates again with the
/// Form Profile and its problem responses are mapped onto the same fields.
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
            _values[field.Name] = Initial(field);
        }
    }

    public FormDefinition Definition { get; }

    public IReadOnlyList<FormField> Fields { get; }

    /// <summary>The fields of a form, in the UI schema's order (then the schema's), with their defaults as values.</summary>
    public static FormModel From(FormDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var schema = definition.Schema;
        var properties = schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        var required = schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(e => e.GetString()).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];
        var ui = definition.UiSchema.ValueKind == JsonValueKind.Object ? definition.UiSchema : default;
        var uiFields = ui.ValueKind == JsonValueKind.Object && ui.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Object ? f : default;

        var names = new List<string>();
        if (ui.ValueKind == JsonValueKind.Object && ui.TryGetProperty("order", out var order) && order.ValueKind == JsonValueKind.Array)
        {
            names.AddRange(order.EnumerateArray().Select(e => e.GetString()).OfType<string>());
        }

        if (properties.ValueKind == JsonValueKind.Object)
        {
            names.AddRange(properties.EnumerateObject().Select(e => e.Name).Where(n => !names.Contains(n, StringComparer.Ordinal)));
        }

        var fields = new List<FormField>();
        foreach (var name in names)
        {
            if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(name, out var property) || property.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var hints = uiFields.ValueKind == JsonValueKind.Object && uiFields.TryGetProperty(name, out var h) && h.ValueKind == JsonValueKind.Object ? h : default;
            definition.Lookups.TryGetValue(name, out var lookup);
            fields.Add(Field(name, property, hints, required.Contains(name), lookup));
        }

        return new FormModel(definition, fields);
    }

    private static FormField Field(string name, JsonElement property, JsonElement hints, bool required, FormLookup? lookup)
    {
        var widget = Text(hints, "widget");
        var type = Text(property, "type");
        var format = Text(property, "format");
        var options = Options(property);
        var kind = lookup is not null ? FieldKind.Lookup
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
        if (kind == FieldKind.MultiChoice && property.TryGetProperty("items", out var items))
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
            DependsOn = lookup?.DependsOn ?? [],
        };
    }

    private static List<FieldOption> Options(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        if (schema.TryGetProperty("oneOf", out var oneOf) && oneOf.ValueKind == JsonValueKind.Array
            && oneOf.EnumerateArray().All(o => o.ValueKind == JsonValueKind.Object && o.TryGetProperty("const", out _)))
        {
            return [.. oneOf.EnumerateArray().Select(o => new FieldOption(o.GetProperty("const").Clone(), Text(o, "title") ?? o.GetProperty("const").ToString()))];
        }

        return schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array
            ? [.. values.EnumerateArray().Select(v => new FieldOption(v.Clone(), v.ToString()))]
            : [];
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool Flag(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static int? Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.TryGetInt32(out var i) ? i : null;

    private static decimal? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.TryGetDecimal(out var n) ? n : null;

    private static object? Initial(FormField field) => field.Default is not { } value ? (field.Kind == FieldKind.MultiChoice ? new List<string>() : null)
        : field.Kind switch
        {
            FieldKind.Boolean => value.ValueKind == JsonValueKind.True,
            FieldKind.MultiChoice => value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.ToString()).ToList() : new List<string>(),
            FieldKind.Number or FieldKind.WholeNumber => value.TryGetDecimal(out var n) ? n : null,
            FieldKind.Choice => field.Options.FirstOrDefault(o => JsonElement.DeepEquals(o.Value, value))?.Key,
            _ => value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString(),
        };

    public object? this[string name]
    {
        get => _values.GetValueOrDefault(name);
        set => _values[name] = value;
    }

    public string TextOf(string name) => this[name] switch
    {
        string s => s,
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        _ => "",
    };

    /// <summary>The message for a field's value, or null when it is valid.</summary>
    public string? Validate(FormField field, WidgetTexts texts)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(texts);
        var value = this[field.Name];
        if (field.Const is { ValueKind: JsonValueKind.True } && value is not true)
        {
            return texts.MustConfirm;
        }

        if (IsEmpty(value))
        {
            return field.Required && field.Kind != FieldKind.Boolean ? texts.Required : null;
        }

        switch (value)
        {
            case string when field.Kind is FieldKind.Number or FieldKind.WholeNumber:
                return texts.NotANumber;
            case string text when field.Kind is FieldKind.Text or FieldKind.Multiline or FieldKind.Password or FieldKind.Email or FieldKind.Date or FieldKind.Lookup:
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

                if (field.Pattern is { } pattern && !Matches(text, pattern))
                {
                    return texts.WrongFormat;
                }

                return null;
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

    /// <summary>Messages of every field that is not valid, keyed by field name.</summary>
    public Dictionary<string, string> ValidateAll(WidgetTexts texts)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            if (Validate(field, texts) is { } message)
            {
                errors[field.Name] = message;
            }
        }

        return errors;
    }

    /// <summary>The data to submit: every field with a value; empty optional fields are left out.</summary>
    public JsonElement ToData()
    {
        var data = new JsonObject();
        foreach (var field in Fields)
        {
            var value = this[field.Name];
            if (IsEmpty(value) && field.Kind != FieldKind.Boolean)
            {
                continue;
            }

            data[field.Name] = field.Kind switch
            {
                FieldKind.Boolean => JsonValue.Create(value is true),
                FieldKind.Number or FieldKind.WholeNumber => JsonValue.Create((decimal)value!),
                FieldKind.Choice => field.Options.FirstOrDefault(o => o.Key == (string)value!) is { } option ? JsonNode.Parse(option.Value.GetRawText()) : JsonValue.Create((string)value!),
                FieldKind.MultiChoice => new JsonArray([.. ((List<string>)value!).Select(key => field.Options.First(o => o.Key == key).Value).Select(v => JsonNode.Parse(v.GetRawText()))]),
                _ => JsonValue.Create((string)value!),
            };
        }

        return JsonSerializer.SerializeToElement(data, FormJsonContext.Default.JsonObject);
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
