using NJsonSchema;
using NJsonSchema.Validation;
using Newtonsoft.Json.Linq;

namespace DelegationWidgets.FormProfile.Validation;

/// <summary><c>format</c>: asserted (not an annotation) for the profile's formats.</summary>
internal sealed class FormatCheck(string format) : KeywordCheck
{
    public override void Check(JToken token, JsonSchema schema, ICollection<ValidationError> errors)
    {
        if (token.Type == JTokenType.String && !FormatRules.IsValid(format, (string)token!))
        {
            Fail(errors, token, schema, "format", FormatRules.Message(format));
        }
    }
}
