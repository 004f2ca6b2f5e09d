using NJsonSchema;
using NJsonSchema.Validation;
using Newtonsoft.Json.Linq;

namespace DelegationWidgets.FormProfile.Validation;

/// <summary>
/// NJsonSchema's validator with the profile's own keyword checks run at every schema node it visits, so they take part in
/// NJsonSchema's allOf/anyOf/oneOf/not decisions. Holds no per-call state: safe to share between threads.
/// </summary>
internal sealed class ProfileValidator(IReadOnlyList<SchemaNode> nodes) : JsonSchemaValidator(new JsonSchemaValidatorSettings())
{
    protected override ICollection<ValidationError> Validate(JToken token, JsonSchema schema, SchemaType schemaType, string? propertyName, string propertyPath)
    {
        var errors = base.Validate(token, schema, schemaType, propertyName, propertyPath);
        if (NodeOf(schema) is { } node)
        {
            foreach (var check in node.Checks)
            {
                check.Check(token, schema, errors);
            }
        }

        return errors;
    }

    public SchemaNode? NodeOf(JsonSchema schema)
    {
        if (schema.ExtensionData is null || !schema.ExtensionData.TryGetValue(SchemaNode.ExtensionKey, out var raw))
        {
            return null;
        }

        return raw switch
        {
            long index => nodes[(int)index],
            int index => nodes[index],
            _ => null,
        };
    }
}
