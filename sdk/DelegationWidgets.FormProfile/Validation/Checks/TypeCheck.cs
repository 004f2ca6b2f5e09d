using NJsonSchema;
using NJsonSchema.Validation;
using Newtonsoft.Json.Linq;

namespace DelegationWidgets.FormProfile.Validation;

/// <summary><c>type</c>: NJsonSchema refuses 1.0 as an integer; JSON Schema accepts it.</summary>
internal sealed class TypeCheck(IReadOnlyList<string> types) : KeywordCheck
{
    public override void Check(JToken token, JsonSchema schema, ICollection<ValidationError> errors)
    {
        foreach (var type in types)
        {
            if (Matches(type, token))
            {
                return;
            }
        }

        Fail(errors, token, schema, "type", "Must be " + string.Join(" or ", types.Select(Describe)) + ".");
    }

    private static bool Matches(string type, JToken token) => type switch
    {
        "string" => token.Type == JTokenType.String,
        "integer" => JsonValues.IsInteger(token),
        "number" => JsonValues.IsNumber(token),
        "boolean" => token.Type == JTokenType.Boolean,
        "null" => token.Type == JTokenType.Null,
        "array" => token.Type == JTokenType.Array,
        "object" => token.Type == JTokenType.Object,
        _ => false,
    };

    private static string Describe(string type) => type switch
    {
        "string" => "text",
        "integer" => "a whole number",
        "number" => "a number",
        "boolean" => "yes or no (true/false)",
        "null" => "empty",
        "array" => "a list",
        "object" => "a group of fields",
        _ => type,
    };
}
