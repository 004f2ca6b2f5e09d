using NJsonSchema;
using NJsonSchema.Validation;
using Newtonsoft.Json.Linq;

namespace DelegationWidgets.FormProfile.Validation;

/// <summary><c>required</c>: NJsonSchema also reports it for values that are not objects, which JSON Schema ignores.</summary>
internal sealed class RequiredCheck(IReadOnlyList<string> names) : KeywordCheck
{
    public IReadOnlyList<string> Names { get; } = names;

    public override void Check(JToken token, JsonSchema schema, ICollection<ValidationError> errors)
    {
        if (token is not JObject data)
        {
            return;
        }

        var pointer = JsonValues.PointerOf(token);
        foreach (var name in Names)
        {
            if (!data.ContainsKey(name))
            {
                errors.Add(new FormValidationError(
                    JsonValues.Append(pointer, name), "required", "This field is required.", token, schema));
            }
        }
    }
}
