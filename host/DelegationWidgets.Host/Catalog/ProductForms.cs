using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DelegationWidgets.FormProfile;
using DelegationWidgets.Sdk.Models;

namespace DelegationWidgets.Host.Catalog;

/// <summary>
/// A product's own request fields: checked when the product is loaded, the requester's values validated by the Form
/// Profile, mapped into the fulfilment and revocation tasks, and shown readable to approvers and in the timeline.
/// <para>A task parameter is <c>$beneficiary</c>, a field (<c>/permission</c>) or a literal. <c>userId</c> is always
/// <c>$beneficiary</c> (the person whose scope was checked). A field a task uses must be a required (or defaulted) string
/// restricted to fixed values (<c>enum</c> or <c>oneOf</c> of <c>const</c>s): the requester chooses among what the
/// product offers and never names another group or mailbox.</para>
/// </summary>
internal static class ProductForms
{
    public const string Beneficiary = "$beneficiary";
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>Checks the product's fields and task parameters; returns the compiled schema (null without fields). Throws "member: message".</summary>
    public static FormSchema? Check(ProductDefinition product)
    {
        FormSchema? compiled = null;
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (product.Form is { } form)
        {
            if (form.Schema.ValueKind != JsonValueKind.Object || !form.Schema.TryGetProperty("properties", out var props) || props.ValueKind != JsonValueKind.Object
                || !form.Schema.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "object")
            {
                throw new InvalidOperationException("form/schema: a product's fields are a JSON Schema of \"type\": \"object\" with \"properties\".");
            }

            try
            {
                compiled = FormSchema.Load(form.Schema.GetRawText());
            }
            catch (FormProfileException e)
            {
                var first = e.Violations[0];
                throw new InvalidOperationException($"form/schema{first.SchemaPointer}: {first.Message}", e);
            }

            if (compiled.SecretPointers.Count > 0)
            {
                throw new InvalidOperationException(
                    $"form/schema: '{compiled.SecretPointers.First()}' is a secret (writeOnly or format password); a request is stored and shown to its approvers, so it may not ask for secrets.");
            }

            if (form.UiSchema is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Undefined or JsonValueKind.Null) })
            {
                throw new InvalidOperationException("form/uiSchema: the UI schema is an object.");
            }

            foreach (var p in props.EnumerateObject())
            {
                properties[p.Name] = p.Value;
            }

            if (form.Schema.TryGetProperty("required", out var names) && names.ValueKind == JsonValueKind.Array)
            {
                required.UnionWith(names.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!));
            }
        }

        foreach (var (task, member) in new[] { (product.Fulfilment, "fulfilment"), (product.Revocation, "revocation") })
        {
            foreach (var (parameter, value) in task?.Parameters ?? new Dictionary<string, string>())
            {
                var at = $"{member}/parameters/{parameter}";
                if (parameter == "userId" && value != Beneficiary)
                {
                    throw new InvalidOperationException($"{at}: 'userId' must be \"{Beneficiary}\", the person the request is for (whose scope is checked).");
                }

                if (value.StartsWith('$') && value != Beneficiary)
                {
                    throw new InvalidOperationException($"{at}: '{value}' is not known; use \"{Beneficiary}\", a field (\"/name\") or a literal.");
                }

                if (!value.StartsWith('/'))
                {
                    continue;
                }

                var name = value[1..];
                if (!properties.TryGetValue(name, out var field))
                {
                    throw new InvalidOperationException($"{at}: '{value}' must name a field of the product's form.");
                }

                if (!(required.Contains(name) || field.TryGetProperty("default", out _)) || !IsFixedString(field))
                {
                    throw new InvalidOperationException(
                        $"{at}: the field '{name}' must be required (or have a default) and be a string restricted to fixed values (enum, or oneOf of const), so the requester only chooses what the product offers.");
                }
            }
        }

        return compiled;
    }

    /// <summary>The requester's values, with the schema's top-level defaults; or the errors keyed <c>/data/...</c>.</summary>
    public static (JsonElement? Data, Dictionary<string, string[]> Errors) Read(ProductDefinition product, FormSchema? schema, JsonElement? input, ServerTexts texts)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var given = input is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } value ? value : (JsonElement?)null;
        if (product.Form is null || schema is null)
        {
            if (given is { } extra && (extra.ValueKind != JsonValueKind.Object || extra.EnumerateObject().Any()))
            {
                errors["/data"] = [texts.NoFields];
            }

            return (null, errors);
        }

        var data = given ?? EmptyObject;
        if (data.ValueKind != JsonValueKind.Object)
        {
            errors["/data"] = [texts.FieldsAreObject];
            return (null, errors);
        }

        var node = JsonNode.Parse(data.GetRawText())!.AsObject();
        foreach (var p in product.Form.Schema.GetProperty("properties").EnumerateObject())
        {
            if (!node.ContainsKey(p.Name) && p.Value.TryGetProperty("default", out var fallback))
            {
                node[p.Name] = JsonNode.Parse(fallback.GetRawText());
            }
        }

        data = JsonSerializer.SerializeToElement(node);
        foreach (var group in schema.Validate(data).GroupBy(e => "/data" + e.Pointer, StringComparer.Ordinal))
        {
            errors[group.Key] = [.. group.Select(e => e.Message).Distinct(StringComparer.Ordinal)];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        // Only the declared fields are kept: what is stored is what approvers are shown.
        var declared = product.Form.Schema.GetProperty("properties");
        foreach (var name in node.Select(p => p.Key).Where(name => !declared.TryGetProperty(name, out _)).ToList())
        {
            node.Remove(name);
        }

        return (JsonSerializer.SerializeToElement(node), errors);
    }

    /// <summary>The fields the product's fulfilment and revocation tasks use.</summary>
    public static IEnumerable<string> TaskFields(ProductDefinition product) =>
        new[] { product.Fulfilment, product.Revocation }.OfType<ProductTask>()
            .SelectMany(t => t.Parameters.Values).Where(v => v.StartsWith('/')).Select(v => v[1..]).Distinct(StringComparer.Ordinal);

    /// <summary>A top-level string field's value in stored data, or null.</summary>
    public static string? Value(string? dataJson, string field)
    {
        if (dataJson is null)
        {
            return null;
        }

        using var data = JsonDocument.Parse(dataJson);
        return data.RootElement.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    /// <summary>A task's parameter values for a request: the beneficiary, the request's field values, or the literals.</summary>
    public static Dictionary<string, string> Values(ProductTask task, string beneficiary, string? dataJson)
    {
        using var data = dataJson is null ? null : JsonDocument.Parse(dataJson);
        return task.Parameters.ToDictionary(
            p => p.Key,
            p => p.Value == Beneficiary ? beneficiary
                : p.Value.StartsWith('/') ? data?.RootElement.TryGetProperty(p.Value[1..], out var v) == true && v.ValueKind == JsonValueKind.String ? v.GetString()!
                    : throw new InvalidOperationException($"The request has no value for '{p.Value}'.")
                : p.Value,
            StringComparer.Ordinal);
    }

    /// <summary>The request's values as a person reads them: the fields' titles (in the UI order) and the chosen options' titles.</summary>
    public static IReadOnlyList<RequestDetail> Details(ProductDefinition? product, string? dataJson, ServerTexts texts)
    {
        if (product?.Form is not { } form || dataJson is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(dataJson);
        var details = new List<RequestDetail>();
        var words = new Words(texts, product.FieldsIn(texts));
        var order = form.UiSchema is { ValueKind: JsonValueKind.Object } ui && ui.TryGetProperty("order", out var o) && o.ValueKind == JsonValueKind.Array
            ? o.EnumerateArray().Select(x => x.GetString()).ToList()
            : [];
        var properties = form.Schema.GetProperty("properties").EnumerateObject()
            .Select((p, i) => (p, i)).OrderBy(x => order.IndexOf(x.p.Name) is var at && at >= 0 ? at : order.Count).ThenBy(x => x.i).Select(x => x.p);
        foreach (var property in properties)
        {
            if (document.RootElement.TryGetProperty(property.Name, out var value))
            {
                Add(details, words, property.Name, words.Label(property.Name, property.Value), property.Value, value);
            }
        }

        return details;
    }

    /// <summary>The schema of the product's fields with their titles in the language (for the catalog tiles' request panel).</summary>
    public static JsonElement Translated(ProductFormDefinition form, IReadOnlyDictionary<string, string>? fields)
    {
        if (fields is not { Count: > 0 })
        {
            return form.Schema;
        }

        var schema = JsonNode.Parse(form.Schema.GetRawText())!.AsObject();
        Translate(schema, "", fields);
        return JsonSerializer.SerializeToElement(schema);
    }

    private static void Translate(JsonObject schema, string prefix, IReadOnlyDictionary<string, string> fields)
    {
        if (schema["properties"] is not JsonObject properties)
        {
            return;
        }

        foreach (var (name, node) in properties)
        {
            if (node is not JsonObject property)
            {
                continue;
            }

            var key = prefix + name;
            if (fields.TryGetValue(key, out var title))
            {
                property["title"] = title;
            }

            var options = property["oneOf"] as JsonArray ?? (property["items"] as JsonObject)?["oneOf"] as JsonArray;
            foreach (var option in options?.OfType<JsonObject>() ?? [])
            {
                if (option["const"] is JsonValue constant && constant.TryGetValue<string>(out var value) && fields.TryGetValue($"{key}/{value}", out var optionTitle))
                {
                    option["title"] = optionTitle;
                }
            }

            Translate(property, key + "/", fields);
        }
    }

    /// <summary>Field and option titles in the language: the product's translation, else the schema's title.</summary>
    private sealed record Words(ServerTexts Texts, IReadOnlyDictionary<string, string>? Fields)
    {
        public string Label(string key, JsonElement schema) => Fields?.GetValueOrDefault(key) ?? Title(schema) ?? key.Split('/')[^1];

        public string? Option(string key, JsonElement value, JsonElement option) =>
            value.ValueKind == JsonValueKind.String && Fields?.GetValueOrDefault($"{key}/{value.GetString()}") is { } translated ? translated : Title(option);
    }

    private static void Add(List<RequestDetail> details, Words words, string key, string label, JsonElement schema, JsonElement value)
    {
        var pointer = "/" + key;
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when schema.TryGetProperty("properties", out var inner) && inner.ValueKind == JsonValueKind.Object:
                foreach (var p in inner.EnumerateObject())
                {
                    if (value.TryGetProperty(p.Name, out var v))
                    {
                        Add(details, words, $"{key}/{p.Name}", $"{label} / {words.Label($"{key}/{p.Name}", p.Value)}", p.Value, v);
                    }
                }

                break;
            case JsonValueKind.Array:
                var items = schema.TryGetProperty("items", out var itemSchema) ? itemSchema : default;
                details.Add(new(pointer, label, string.Join(", ", value.EnumerateArray().Select(v => Text(words, key, items, v)))));
                break;
            case JsonValueKind.Null:
                break;
            default:
                details.Add(new(pointer, label, Text(words, key, schema, value)));
                break;
        }
    }

    private static string Text(Words words, string key, JsonElement schema, JsonElement value)
    {
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("oneOf", out var options) && options.ValueKind == JsonValueKind.Array)
        {
            foreach (var option in options.EnumerateArray())
            {
                if (option.TryGetProperty("const", out var constant) && JsonElement.DeepEquals(constant, value) && words.Option(key, value, option) is { } title)
                {
                    return title;
                }
            }
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => words.Texts.Yes,
            JsonValueKind.False => words.Texts.No,
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.GetDecimal().ToString(CultureInfo.InvariantCulture),
            _ => value.GetRawText(),
        };
    }

    private static string? Title(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;

    private static bool IsFixedString(JsonElement field) =>
        field.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "string"
        && ((field.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
            || (field.TryGetProperty("oneOf", out var options) && options.ValueKind == JsonValueKind.Array && options.GetArrayLength() > 0
                && options.EnumerateArray().All(x => x.ValueKind == JsonValueKind.Object && x.TryGetProperty("const", out _))));
}
