using System.Text.Json;
using System.Text.RegularExpressions;
using DelegationWidgets.Connectors;
using DelegationWidgets.FormProfile;
using DelegationWidgets.Host.Changes;

namespace DelegationWidgets.Host.Forms;

/// <summary>
/// A form checked and compiled: its definition, its compiled schema, and the facts the pipeline needs
/// (which fields are secret, which are lookups and of what kind).
/// </summary>
internal sealed partial class LoadedForm
{
    private static readonly Dictionary<string, DirectoryObjectKind> Sources = new(StringComparer.Ordinal)
    {
        ["directory.users"] = DirectoryObjectKind.User,
        ["directory.groups"] = DirectoryObjectKind.Group,
        ["directory.mailboxes"] = DirectoryObjectKind.Mailbox,
    };

    private LoadedForm(FormDefinitionFile definition, FormSchema schema, string json)
    {
        Definition = definition;
        Schema = schema;
        Json = json;
        Lookups = (definition.Lookups ?? new Dictionary<string, FormLookupFile>())
            .ToDictionary(kv => kv.Key, kv => new LookupField(kv.Key, Sources[kv.Value.Source], kv.Value), StringComparer.Ordinal);
        TargetKind = definition.Target.Kind switch
        {
            "user" => DirectoryObjectKind.User,
            "group" => DirectoryObjectKind.Group,
            "mailbox" => DirectoryObjectKind.Mailbox,
            _ => DirectoryObjectKind.OrganizationalUnit,
        };
        Defaults = ReadDefaults(definition.Schema);
    }

    public FormDefinitionFile Definition { get; }

    public FormSchema Schema { get; }

    /// <summary>The definition as published (for storage and version comparison).</summary>
    public string Json { get; }

    public string Id => Definition.Id;

    public int Version => Definition.Version;

    public IReadOnlyDictionary<string, LookupField> Lookups { get; }

    public DirectoryObjectKind TargetKind { get; }

    public string TargetField => Definition.Target.Field;

    /// <summary>Top-level property defaults, applied to data that leaves those properties out.</summary>
    public IReadOnlyDictionary<string, JsonElement> Defaults { get; }

    /// <summary>Checks a form definition and compiles its schema; throws <see cref="FormDefinitionException"/> naming each problem.</summary>
    public static LoadedForm Load(string json, string origin)
    {
        FormDefinitionFile? definition;
        try
        {
            definition = JsonSerializer.Deserialize<FormDefinitionFile>(json, JsonSerializerOptions.Web);
        }
        catch (JsonException e)
        {
            throw new FormDefinitionException(origin, [new("", $"not a valid form definition: {e.Message}")]);
        }

        if (definition is null)
        {
            throw new FormDefinitionException(origin, [new("", "the definition is empty.")]);
        }

        var problems = new List<FormProblem>();
        if (definition.Id is null || !KebabCase().IsMatch(definition.Id))
        {
            problems.Add(new("/id", "'id' must be kebab-case (lower-case letters, digits and dashes)."));
        }

        if (definition.Version < 1)
        {
            problems.Add(new("/version", "'version' must be 1 or more."));
        }

        if (string.IsNullOrWhiteSpace(definition.Title))
        {
            problems.Add(new("/title", "'title' is required."));
        }

        FormSchema? schema = null;
        if (definition.Schema.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new("/schema", "'schema' must be a JSON Schema object."));
        }
        else
        {
            try
            {
                schema = FormSchema.Load(definition.Schema.GetRawText());
            }
            catch (FormProfileException e)
            {
                problems.AddRange(e.Violations.Select(v => new FormProblem("/schema" + v.SchemaPointer, $"schema: {v.Message}")));
            }
        }

        var properties = definition.Schema.ValueKind == JsonValueKind.Object && definition.Schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
            ? p.EnumerateObject().Select(x => x.Name).ToHashSet(StringComparer.Ordinal)
            : [];
        if (definition.Target is null || !properties.Contains(definition.Target.Field))
        {
            problems.Add(new("/target/field", "'target.field' must name a property of the schema."));
        }
        else if (definition.Target.Kind is not ("user" or "group" or "mailbox" or "organizationalUnit"))
        {
            problems.Add(new("/target/kind", "'target.kind' must be user, group, mailbox or organizationalUnit."));
        }

        foreach (var (field, lookup) in definition.Lookups ?? new Dictionary<string, FormLookupFile>())
        {
            if (!properties.Contains(field))
            {
                problems.Add(new($"/lookups/{field}", $"lookup '{field}' does not name a property of the schema."));
            }

            if (lookup.Source is null || !Sources.ContainsKey(lookup.Source))
            {
                problems.Add(new($"/lookups/{field}/source", $"lookup '{field}': source must be one of {string.Join(", ", Sources.Keys)}."));
            }

            if (lookup.MemberOf is not null && !properties.Contains(lookup.MemberOf))
            {
                problems.Add(new($"/lookups/{field}/memberOf", $"lookup '{field}': memberOf must name a property of the schema."));
            }
        }

        if (definition.Target is { Kind: not "organizationalUnit" } target && !(definition.Lookups?.ContainsKey(target.Field) ?? false))
        {
            problems.Add(new("/target/field", $"the target field '{target.Field}' must be a lookup, so that only targets in scope are offered."));
        }

        if (definition.Task?.Parameters is null || !ActionFactory.Knows(definition.Task.Action))
        {
            problems.Add(new("/task/action", $"'task.action' must be one of {string.Join(", ", ActionFactory.Actions)}."));
        }
        else
        {
            foreach (var (parameter, pointer) in definition.Task.Parameters)
            {
                if (!pointer.StartsWith('/') || !properties.Contains(pointer[1..]))
                {
                    problems.Add(new($"/task/parameters/{parameter}", $"task parameter '{parameter}' must point at a schema property ('/name'), not '{pointer}'."));
                }
            }

            problems.AddRange(ActionFactory.MissingParameters(definition.Task).Select(m => new FormProblem("/task/parameters", $"task: the action '{definition.Task.Action}' needs the parameter '{m}'.")));
        }

        foreach (var rule in definition.Rules ?? [])
        {
            if (rule.Kind != "dateWithinDays" || !properties.Contains(rule.Field))
            {
                problems.Add(new("/rules", $"rule '{rule.Kind}' on '{rule.Field}': only 'dateWithinDays' on a schema property is known."));
            }
        }

        if (problems.Count > 0 || schema is null)
        {
            throw new FormDefinitionException(origin, problems);
        }

        return new LoadedForm(definition, schema, json);
    }

    private static Dictionary<string, JsonElement> ReadDefaults(JsonElement schema)
    {
        var defaults = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("default", out var value))
                {
                    defaults[property.Name] = value.Clone();
                }
            }
        }

        return defaults;
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}

/// <summary>A lookup field of a loaded form.</summary>
internal sealed record LookupField(string Field, DirectoryObjectKind Kind, FormLookupFile Definition);

/// <summary>A form definition that cannot be used; the message names the form and every problem.</summary>
internal sealed class FormDefinitionException(string origin, IReadOnlyList<FormProblem> problems)
    : Exception($"Form '{origin}' cannot be loaded: {string.Join(" ", problems.Select(p => p.Message))}")
{
    public IReadOnlyList<FormProblem> Problems { get; } = problems;
}

/// <summary>One problem of a form definition: the JSON pointer into the definition, and what is wrong there.</summary>
internal sealed record FormProblem(string Pointer, string Message);
