using System.Globalization;
using NJsonSchema;
using NJsonSchema.Validation;
using Newtonsoft.Json.Linq;

namespace DelegationWidgets.FormProfile.Validation;

/// <summary><c>minLength</c>/<c>maxLength</c>: counted in code points (NJsonSchema counts UTF-16 units).</summary>
internal sealed class LengthCheck(int? minLength, int? maxLength) : KeywordCheck
{
    public override void Check(JToken token, JsonSchema schema, ICollection<ValidationError> errors)
    {
        if (token.Type != JTokenType.String)
        {
            return;
        }

        var length = JsonValues.CodePointLength((string)token!);
        if (length < minLength)
        {
            Fail(errors, token, schema, "minLength", minLength == 1
                ? "This field cannot be empty."
                : string.Create(CultureInfo.InvariantCulture, $"Must be at least {minLength} characters."));
        }

        if (length > maxLength)
        {
            Fail(errors, token, schema, "maxLength", maxLength == 1
                ? "Must be at most 1 character."
                : string.Create(CultureInfo.InvariantCulture, $"Must be at most {maxLength} characters."));
        }
    }
}
