using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DelegationWidgets.FormProfile.Validation;

namespace DelegationWidgets.FormProfile.Compilation;

internal sealed partial class SchemaCompiler
{
    /// <summary>How long one <c>pattern</c> may run against one value before it counts as a field error.</summary>
    internal static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    private void ReadKeyword(string keyword, JsonElement value, string pointer, string baseResource, string? owner, NodeBuilder node)
    {
        var at = Child(pointer, keyword);
        switch (keyword)
        {
            case "type":
                if (ReadTypes(value, pointer) is { } types)
                {
                    node.Checks.Add(new TypeCheck(types));
                }

                break;
            case "enum":
                if (RequireKind(value, JsonValueKind.Array, keyword, pointer, "an array of values"))
                {
                    var values = value.EnumerateArray().Select(item => JsonValues.ToToken(item)).ToArray();
                    node.Checks.Add(new ValueCheck("enum", values, [.. values.Select(JsonValues.Display)]));
                }

                break;
            case "const":
                var constant = JsonValues.ToToken(value);
                node.Checks.Add(new ValueCheck("const", [constant], [JsonValues.Display(constant)]));
                break;
            case "allOf":
                node.AllOf.AddRange(RewriteAll(value, keyword, pointer, baseResource, owner));
                break;
            case "anyOf":
            case "oneOf":
                node.Output[keyword] = new JsonArray([.. RewriteAll(value, keyword, pointer, baseResource, owner)]);
                node.ChoiceLabels ??= ChoiceLabelsOf(value);
                break;
            case "properties":
                if (RequireKind(value, JsonValueKind.Object, keyword, pointer, "an object of field schemas"))
                {
                    var properties = new JsonObject();
                    foreach (var property in value.EnumerateObject())
                    {
                        properties[property.Name] = Rewrite(property.Value, Child(at, property.Name), baseResource, owner: null);
                    }

                    node.Output["properties"] = properties;
                }

                break;
            case "required":
                if (ReadNames(value, keyword, pointer) is { } required)
                {
                    node.Checks.Add(new RequiredCheck(required));
                }

                break;
            case "additionalProperties":
                node.Output[keyword] = value.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? value.GetBoolean()
                    : Rewrite(value, at, baseResource, owner: null);
                break;
            case "if":
                node.If = value;
                break;
            case "then":
                node.Then = value;
                break;
            case "else":
                node.Else = value;
                break;
            case "dependentRequired":
                if (RequireKind(value, JsonValueKind.Object, keyword, pointer, "an object of field-name lists"))
                {
                    foreach (var entry in value.EnumerateObject())
                    {
                        if (ReadNames(entry.Value, keyword, pointer) is { } dependents)
                        {
                            node.DependentRequired.Add((entry.Name, dependents));
                        }
                    }
                }

                break;
            case "minLength":
                node.MinLength = ReadCount(value, keyword, pointer);
                break;
            case "maxLength":
                node.MaxLength = ReadCount(value, keyword, pointer);
                break;
            case "minItems":
                node.MinItems = ReadCount(value, keyword, pointer);
                break;
            case "maxItems":
                node.MaxItems = ReadCount(value, keyword, pointer);
                break;
            case "pattern":
                if (RequireKind(value, JsonValueKind.String, keyword, pointer, "a regular expression") && ReadPattern(value.GetString()!, pointer) is { } regex)
                {
                    node.Checks.Add(new PatternCheck(regex));
                }

                break;
            case "format":
                if (RequireKind(value, JsonValueKind.String, keyword, pointer, "a format name"))
                {
                    var format = value.GetString()!;
                    if (!FormatRules.IsKnown(format))
                    {
                        Violate(keyword, pointer, $"Format '{format}' at {Where(pointer)} is not part of the Form Profile (use email, date, date-time, uri, uuid or password).");
                    }
                    else if (format != FormatRules.Password)
                    {
                        node.Checks.Add(new FormatCheck(format));
                    }
                }

                break;
            case "minimum":
            case "maximum":
            case "exclusiveMinimum":
            case "exclusiveMaximum":
            case "multipleOf":
                if (RequireKind(value, JsonValueKind.Number, keyword, pointer, "a number"))
                {
                    if (!value.TryGetDecimal(out var limit))
                    {
                        Violate(keyword, pointer, $"Keyword '{keyword}' at {Where(pointer)} has a number too large for the Form Profile.");
                    }
                    else if (keyword == "multipleOf" && limit <= 0)
                    {
                        Violate(keyword, pointer, $"Keyword 'multipleOf' at {Where(pointer)} must be greater than 0.");
                    }
                    else
                    {
                        node.Output[keyword] = limit;
                    }
                }

                break;
            case "items":
                if (value.ValueKind == JsonValueKind.Array)
                {
                    Violate(keyword, pointer, $"Keyword 'items' at {Where(pointer)} is an array (a tuple); only a single item schema is part of the Form Profile.");
                }
                else
                {
                    node.Output[keyword] = Rewrite(value, at, baseResource, owner: null);
                }

                break;
            case "uniqueItems":
                if (RequireKind(value, JsonValueKind.True, keyword, pointer, "true or false"))
                {
                    node.Checks.Add(UniqueItemsCheck.Instance);
                }

                break;
            case "$ref":
                if (RequireKind(value, JsonValueKind.String, keyword, pointer, "a reference such as '#/$defs/name'"))
                {
                    node.ReferenceName = ReadReference(value.GetString()!, pointer, baseResource, owner);
                }

                break;
            case "$defs":
            case "definitions":
                if (RequireKind(value, JsonValueKind.Object, keyword, pointer, "an object of schemas"))
                {
                    foreach (var definition in value.EnumerateObject())
                    {
                        // Checked here; compiled again (as #/definitions/rN) only when something refers to it.
                        _ = Rewrite(definition.Value, Child(at, definition.Name), baseResource, owner: null);
                    }
                }

                break;
            case "title":
            case "description":
            case "$comment":
            case "$id":
                RequireKind(value, JsonValueKind.String, keyword, pointer, "a string");
                break;
            case "$schema":
                if (RequireKind(value, JsonValueKind.String, keyword, pointer, "a dialect URI") && !IsSupportedDialect(value.GetString()!))
                {
                    Violate(keyword, pointer, $"Dialect '{value.GetString()}' at {Where(pointer)} is not supported; use https://json-schema.org/draft/2020-12/schema or http://json-schema.org/draft-07/schema#.");
                }

                break;
            case "readOnly":
            case "writeOnly":
                RequireKind(value, JsonValueKind.True, keyword, pointer, "true or false");
                break;
            case "examples":
                RequireKind(value, JsonValueKind.Array, keyword, pointer, "an array");
                break;
            case "default":
                break;
            default:
                Violate(keyword, pointer, $"Keyword '{keyword}' at {Where(pointer)} is not part of the Form Profile.");
                break;
        }
    }

    private static bool IsSupportedDialect(string dialect)
    {
        var uri = dialect.TrimEnd('#');
        return uri is "https://json-schema.org/draft/2020-12/schema" or "http://json-schema.org/draft/2020-12/schema"
            or "http://json-schema.org/draft-07/schema" or "https://json-schema.org/draft-07/schema";
    }

    /// <summary>Checks the kind of a keyword's value; <see cref="JsonValueKind.True"/> stands for "a boolean".</summary>
    private bool RequireKind(JsonElement value, JsonValueKind kind, string keyword, string pointer, string expected)
    {
        var matches = kind == JsonValueKind.True
            ? value.ValueKind is JsonValueKind.True or JsonValueKind.False
            : value.ValueKind == kind;
        if (!matches)
        {
            Violate(keyword, pointer, $"Keyword '{keyword}' at {Where(pointer)} must be {expected}.");
            return false;
        }

        return kind != JsonValueKind.True || value.GetBoolean();
    }

    private List<JsonNode> RewriteAll(JsonElement value, string keyword, string pointer, string baseResource, string? owner)
    {
        var result = new List<JsonNode>();
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            Violate(keyword, pointer, $"Keyword '{keyword}' at {Where(pointer)} must be a non-empty array of schemas.");
            return result;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            result.Add(Rewrite(item, Child(Child(pointer, keyword), index.ToString(System.Globalization.CultureInfo.InvariantCulture)), baseResource, owner));
            index++;
        }

        return result;
    }

    private string[]? ReadTypes(JsonElement value, string pointer)
    {
        string[] names = value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array when value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String)
                => [.. value.EnumerateArray().Select(item => item.GetString()!)],
            _ => [],
        };
        if (names.Length == 0 || names.Any(name => !ProfileKeywords.Types.Contains(name)) || names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            Violate("type", pointer, $"Keyword 'type' at {Where(pointer)} must be one of string, integer, number, boolean, null, array, object, or a list of them.");
            return null;
        }

        return names;
    }

    private string[]? ReadNames(JsonElement value, string keyword, string pointer)
    {
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            Violate(keyword, pointer, $"Keyword '{keyword}' at {Where(pointer)} must be an array of field names.");
            return null;
        }

        string[] names = [.. value.EnumerateArray().Select(item => item.GetString()!)];
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            Violate(keyword, pointer, $"Keyword '{keyword}' at {Where(pointer)} lists a field name twice.");
            return null;
        }

        return names;
    }

    private int? ReadCount(JsonElement value, string keyword, string pointer)
    {
        if (value.ValueKind == JsonValueKind.Number
            && value.TryGetDecimal(out var count)
            && count >= 0
            && count <= int.MaxValue
            && decimal.Truncate(count) == count)
        {
            return (int)count;
        }

        Violate(keyword, pointer, $"Keyword '{keyword}' at {Where(pointer)} must be a whole number of 0 or more.");
        return null;
    }

    private Regex? ReadPattern(string pattern, string pointer)
    {
        try
        {
            // Linear-time engine where the pattern allows it; the timeout still guards the backtracking fallback.
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, PatternTimeout);
        }
        catch (NotSupportedException)
        {
            // Backreferences, lookarounds and the like need the backtracking engine.
        }
        catch (ArgumentException)
        {
            // Either unsupported by NonBacktracking or invalid; the backtracking engine tells which.
        }

        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (ArgumentException exception)
        {
            Violate("pattern", pointer, $"Keyword 'pattern' at {Where(pointer)} is not a valid regular expression: {exception.Message}");
            return null;
        }
    }

    /// <summary>Labels for a oneOf/anyOf whose branches are all <c>{const, title}</c> choices.</summary>
    private static string[]? ChoiceLabelsOf(JsonElement branches)
    {
        if (branches.ValueKind != JsonValueKind.Array || branches.GetArrayLength() == 0)
        {
            return null;
        }

        var labels = new List<string>();
        foreach (var branch in branches.EnumerateArray())
        {
            if (branch.ValueKind != JsonValueKind.Object || !branch.TryGetProperty("const", out var constant)
                || branch.EnumerateObject().Any(p => p.Name is not ("const" or "title" or "description" or "$comment")))
            {
                return null;
            }

            labels.Add(branch.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String
                ? title.GetString()!
                : JsonValues.Display(JsonValues.ToToken(constant)));
        }

        return [.. labels];
    }
}
