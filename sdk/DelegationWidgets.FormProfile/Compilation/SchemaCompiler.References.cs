using System.Globalization;
using System.Text.Json;

namespace DelegationWidgets.FormProfile.Compilation;

internal sealed partial class SchemaCompiler
{
    private readonly Dictionary<string, string> _definitionNames = new(StringComparer.Ordinal);
    private readonly Queue<string> _pendingTargets = new();
    private readonly List<(string From, string To, string At)> _referenceEdges = [];

    /// <summary>Accepts a local JSON-pointer reference and returns the definition name its target compiles to.</summary>
    private string? ReadReference(string reference, string pointer, string baseResource, string? owner)
    {
        if (!reference.StartsWith('#'))
        {
            Violate("$ref", pointer, $"Reference '{reference}' at {Where(pointer)} is not local; only references inside the schema ('#/$defs/…') are part of the Form Profile.");
            return null;
        }

        var fragment = Uri.UnescapeDataString(reference[1..]);
        if (fragment.Length > 0 && fragment[0] != '/')
        {
            Violate("$ref", pointer, $"Reference '{reference}' at {Where(pointer)} names an anchor; only JSON-pointer references ('#/$defs/…') are part of the Form Profile.");
            return null;
        }

        var target = baseResource + fragment;
        if (Resolve(target) is not { ValueKind: JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False })
        {
            Violate("$ref", pointer, $"Reference '{reference}' at {Where(pointer)} cannot be resolved inside the schema.");
            return null;
        }

        if (!_definitionNames.TryGetValue(target, out var name))
        {
            name = "r" + _definitionNames.Count.ToString(CultureInfo.InvariantCulture);
            _definitionNames[target] = name;
            _pendingTargets.Enqueue(target);
        }

        if (owner is not null)
        {
            _referenceEdges.Add((owner, target, pointer));
        }

        return name;
    }

    /// <summary>The element at a JSON pointer of the schema document, or null.</summary>
    private JsonElement? Resolve(string pointer)
    {
        var current = _root;
        foreach (var segment in Segments(pointer))
        {
            switch (current.ValueKind)
            {
                case JsonValueKind.Object when current.TryGetProperty(segment, out var child):
                    current = child;
                    break;
                case JsonValueKind.Array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                                              && index < current.GetArrayLength():
                    current = current[index];
                    break;
                default:
                    return null;
            }
        }

        return current;
    }

    private static IEnumerable<string> Segments(string pointer) =>
        pointer.Length == 0
            ? []
            : pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));

    /// <summary>The pointer of the nearest enclosing schema resource (a subschema with its own <c>$id</c>), "" for the document.</summary>
    private string BaseResourceOf(string pointer)
    {
        var baseResource = string.Empty;
        var current = _root;
        var path = string.Empty;
        foreach (var segment in Segments(pointer))
        {
            path = Child(path, segment);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                current = current[index];
            }
            else
            {
                break;
            }

            if (current.ValueKind == JsonValueKind.Object
                && current.TryGetProperty("$id", out var id)
                && id.ValueKind == JsonValueKind.String
                && !id.GetString()!.StartsWith('#'))
            {
                baseResource = path;
            }
        }

        return baseResource;
    }

    /// <summary>
    /// Refuses reference cycles that never descend into the data (<c>{"$ref": "#"}</c> at the root, two definitions
    /// referring to each other through allOf...). NJsonSchema would recurse on them until the stack overflows.
    /// </summary>
    private void DetectReferenceLoops()
    {
        var edges = _referenceEdges.ToLookup(e => e.From, StringComparer.Ordinal);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false = on the current path, true = done
        foreach (var start in edges.Select(g => g.Key).ToList())
        {
            Visit(start);
        }

        void Visit(string node)
        {
            if (state.ContainsKey(node))
            {
                return;
            }

            state[node] = false;
            foreach (var edge in edges[node])
            {
                if (state.TryGetValue(edge.To, out var done))
                {
                    if (!done)
                    {
                        Violate("$ref", edge.At, $"Reference at {Where(edge.At)} loops back to {Where(edge.To)} without descending into the data, so validation would never end.");
                    }

                    continue;
                }

                Visit(edge.To);
            }

            state[node] = true;
        }
    }

    /// <summary>Data pointers of fields that are <c>writeOnly</c> or <c>format: password</c> (object properties, nested too).</summary>
    private HashSet<string> FindSecrets()
    {
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        Scan(_root, string.Empty, string.Empty, 0);
        return secrets;

        void Scan(JsonElement schema, string schemaPointer, string dataPointer, int depth)
        {
            if (depth > 16 || schema.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            if (TargetOf(schema, schemaPointer) is { } target)
            {
                Scan(Resolve(target)!.Value, target, dataPointer, depth + 1);
            }

            if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in properties.EnumerateObject())
                {
                    var fieldPointer = Child(dataPointer, property.Name);
                    var fieldSchemaPointer = Child(Child(schemaPointer, "properties"), property.Name);
                    if (IsSecret(property.Value, fieldSchemaPointer, 0))
                    {
                        secrets.Add(fieldPointer);
                    }

                    Scan(property.Value, fieldSchemaPointer, fieldPointer, depth + 1);
                }
            }

            foreach (var keyword in (string[])["allOf", "anyOf", "oneOf"])
            {
                if (schema.TryGetProperty(keyword, out var branches) && branches.ValueKind == JsonValueKind.Array)
                {
                    var index = 0;
                    foreach (var branch in branches.EnumerateArray())
                    {
                        Scan(branch, Child(Child(schemaPointer, keyword), index.ToString(CultureInfo.InvariantCulture)), dataPointer, depth + 1);
                        index++;
                    }
                }
            }

            foreach (var keyword in (string[])["then", "else"])
            {
                if (schema.TryGetProperty(keyword, out var branch))
                {
                    Scan(branch, Child(schemaPointer, keyword), dataPointer, depth + 1);
                }
            }
        }

        bool IsSecret(JsonElement schema, string schemaPointer, int depth)
        {
            if (depth > 16 || schema.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if ((schema.TryGetProperty("writeOnly", out var writeOnly) && writeOnly.ValueKind == JsonValueKind.True)
                || (schema.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String && format.GetString() == Validation.FormatRules.Password))
            {
                return true;
            }

            return TargetOf(schema, schemaPointer) is { } target && IsSecret(Resolve(target)!.Value, target, depth + 1);
        }

        string? TargetOf(JsonElement schema, string schemaPointer)
        {
            if (!schema.TryGetProperty("$ref", out var reference) || reference.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var fragment = Uri.UnescapeDataString(reference.GetString()!.TrimStart('#'));
            var target = BaseResourceOf(schemaPointer) + fragment;
            return Resolve(target) is { ValueKind: JsonValueKind.Object } ? target : null;
        }
    }
}
