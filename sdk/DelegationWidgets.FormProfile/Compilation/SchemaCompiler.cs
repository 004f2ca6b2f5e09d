using System.Text.Json;
using System.Text.Json.Nodes;
using DelegationWidgets.FormProfile.Validation;

namespace DelegationWidgets.FormProfile.Compilation;

/// <summary>
/// Checks a schema against the Form Profile and rewrites it, in one walk, into a schema NJsonSchema validates correctly:
/// keywords NJsonSchema enforces right stay (allOf/anyOf/oneOf, properties, additionalProperties, items, numeric limits);
/// keywords it ignores are rewritten into ones it enforces (if/then/else and dependentRequired into anyOf/allOf/not);
/// keywords it gets wrong become the profile's own <see cref="KeywordCheck"/>s, attached to the node through
/// <see cref="SchemaNode.ExtensionKey"/> and run by <see cref="ProfileValidator"/> inside NJsonSchema's walk.
/// Every local <c>$ref</c> target becomes a <c>#/definitions/rN</c> entry; nothing is ever resolved outside the document.
/// </summary>
internal sealed partial class SchemaCompiler
{
    private readonly JsonElement _root;
    private readonly SchemaDialect _dialect;
    private readonly List<ProfileViolation> _violations = [];
    private readonly HashSet<ProfileViolation> _seenViolations = [];
    private readonly List<SchemaNode> _nodes = [];

    private SchemaCompiler(JsonElement root, SchemaDialect dialect)
    {
        _root = root;
        _dialect = dialect;
    }

    public static CompiledSchema Compile(string schemaJson)
    {
        ArgumentNullException.ThrowIfNull(schemaJson);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(schemaJson, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException exception)
        {
            return Failed([new ProfileViolation("json", string.Empty, $"The schema is not valid JSON: {exception.Message}")]);
        }

        using (document)
        {
            var root = document.RootElement;
            var compiler = new SchemaCompiler(root, DialectOf(root));
            return compiler.Run();
        }
    }

    private static CompiledSchema Failed(IReadOnlyList<ProfileViolation> violations) =>
        new(violations, null, [], new HashSet<string>());

    private static SchemaDialect DialectOf(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("$schema", out var dialect)
        && dialect.ValueKind == JsonValueKind.String
        && dialect.GetString()!.Contains("draft-07", StringComparison.Ordinal)
            ? SchemaDialect.Draft7
            : SchemaDialect.Draft202012;

    private CompiledSchema Run()
    {
        var rewritten = Rewrite(_root, string.Empty, string.Empty, owner: string.Empty);
        var definitions = new JsonObject();
        while (_pendingTargets.TryDequeue(out var target))
        {
            var element = Resolve(target)!.Value;
            definitions[_definitionNames[target]] = Rewrite(element, target, BaseResourceOf(target), owner: target);
        }

        DetectReferenceLoops();
        if (_violations.Count > 0)
        {
            return Failed(_violations);
        }

        if (definitions.Count > 0)
        {
            rewritten["definitions"] = definitions;
        }

        return new CompiledSchema([], rewritten, _nodes, FindSecrets());
    }

    private void Violate(string keyword, string pointer, string message)
    {
        var violation = new ProfileViolation(keyword, pointer, message);
        if (_seenViolations.Add(violation))
        {
            _violations.Add(violation);
        }
    }

    private static string Where(string pointer) => pointer.Length == 0 ? "the schema root" : $"'{pointer}'";

    private static string Child(string pointer, string segment) => JsonValues.Append(pointer, segment);

    private JsonObject Register(JsonObject node, SchemaNode info)
    {
        node[SchemaNode.ExtensionKey] = _nodes.Count;
        _nodes.Add(info);
        return node;
    }

    /// <summary>Checks one (sub)schema and returns its rewritten form. <paramref name="owner"/> is the reference target whose
    /// instance this schema validates without descending into the data (null after properties/items), for loop detection.</summary>
    private JsonObject Rewrite(JsonElement schema, string pointer, string baseResource, string? owner)
    {
        switch (schema.ValueKind)
        {
            case JsonValueKind.True:
                return [];
            case JsonValueKind.False:
                return Register([], new SchemaNode([FalseSchemaCheck.Instance], NodeRole.Plain, null));
            case JsonValueKind.Object:
                break;
            default:
                Violate("schema", pointer, $"The schema at {Where(pointer)} must be an object, true or false.");
                return [];
        }

        if (pointer.Length > 0
            && schema.TryGetProperty("$id", out var id)
            && id.ValueKind == JsonValueKind.String
            && !id.GetString()!.StartsWith('#'))
        {
            baseResource = pointer;
        }

        var node = new NodeBuilder();
        foreach (var property in schema.EnumerateObject())
        {
            ReadKeyword(property.Name, property.Value, pointer, baseResource, owner, node);
        }

        if (node.If is { } condition)
        {
            var then = node.Then is { } thenSchema ? Rewrite(thenSchema, Child(pointer, "then"), baseResource, owner) : [];
            var otherwise = node.Else is { } elseSchema ? Rewrite(elseSchema, Child(pointer, "else"), baseResource, owner) : [];
            var holds = Rewrite(condition, Child(pointer, "if"), baseResource, owner);
            var fails = Rewrite(condition, Child(pointer, "if"), baseResource, owner);
            node.AllOf.Add(Register(
                new JsonObject
                {
                    ["anyOf"] = new JsonArray(
                        new JsonObject { ["allOf"] = new JsonArray(holds, then) },
                        new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["not"] = fails }, otherwise) }),
                },
                new SchemaNode([], NodeRole.Conditional, null)));
        }
        else
        {
            // then/else without if have no effect, but they must still stay inside the profile.
            _ = node.Then is { } thenSchema ? Rewrite(thenSchema, Child(pointer, "then"), baseResource, owner) : null;
            _ = node.Else is { } elseSchema ? Rewrite(elseSchema, Child(pointer, "else"), baseResource, owner) : null;
        }

        foreach (var (key, dependents) in node.DependentRequired)
        {
            node.AllOf.Add(Register(
                new JsonObject
                {
                    ["anyOf"] = new JsonArray(
                        new JsonObject { ["not"] = Register([], new SchemaNode([new RequiredCheck([key])], NodeRole.Plain, null)) },
                        Register([], new SchemaNode([new RequiredCheck(dependents)], NodeRole.Plain, null))),
                },
                new SchemaNode([], NodeRole.Dependent, null)));
        }

        if (node.ReferenceName is { } referenceName)
        {
            // Wrapped in a two-element allOf: NJsonSchema treats a one-element allOf/anyOf/oneOf around a $ref as the
            // referenced schema itself (HasAllOfSchemaReference) and would skip the wrapper's own keywords.
            var reference = new JsonObject
            {
                ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/definitions/" + referenceName }, new JsonObject()),
            };
            if (_dialect == SchemaDialect.Draft7)
            {
                return reference; // draft-07: keywords next to $ref are ignored
            }

            node.AllOf.Add(reference);
        }

        return node.Build(this);
    }

    /// <summary>What one schema object turns into while its keywords are read.</summary>
    private sealed class NodeBuilder
    {
        public JsonObject Output { get; } = [];

        public List<KeywordCheck> Checks { get; } = [];

        public List<JsonNode> AllOf { get; } = [];

        public List<(string Key, IReadOnlyList<string> Dependents)> DependentRequired { get; } = [];

        public JsonElement? If { get; set; }

        public JsonElement? Then { get; set; }

        public JsonElement? Else { get; set; }

        public string? ReferenceName { get; set; }

        public int? MinLength { get; set; }

        public int? MaxLength { get; set; }

        public int? MinItems { get; set; }

        public int? MaxItems { get; set; }

        public IReadOnlyList<string>? ChoiceLabels { get; set; }

        public JsonObject Build(SchemaCompiler compiler)
        {
            if (AllOf.Count > 0)
            {
                Output["allOf"] = new JsonArray([.. AllOf]);
            }

            if (MinLength.HasValue || MaxLength.HasValue)
            {
                Checks.Add(new LengthCheck(MinLength, MaxLength));
            }

            if (MinItems.HasValue || MaxItems.HasValue)
            {
                Checks.Add(new ItemCountCheck(MinItems, MaxItems));
            }

            return Checks.Count > 0 || ChoiceLabels is not null
                ? compiler.Register(Output, new SchemaNode([.. Checks], NodeRole.Plain, ChoiceLabels))
                : Output;
        }
    }
}
