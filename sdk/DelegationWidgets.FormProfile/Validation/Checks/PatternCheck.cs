using System.Text.RegularExpressions;
using NJsonSchema;
using NJsonSchema.Validation;
using Newtonsoft.Json.Linq;

namespace DelegationWidgets.FormProfile.Validation;

/// <summary><c>pattern</c>: evaluated with a match timeout, so a catastrophic pattern becomes a field error, not a hang.</summary>
internal sealed class PatternCheck(Regex regex) : KeywordCheck
{
    public override void Check(JToken token, JsonSchema schema, ICollection<ValidationError> errors)
    {
        if (token.Type != JTokenType.String)
        {
            return;
        }

        try
        {
            if (!regex.IsMatch((string)token!))
            {
                Fail(errors, token, schema, "pattern", "Is not in the required format.");
            }
        }
        catch (RegexMatchTimeoutException)
        {
            Fail(errors, token, schema, "pattern", "Could not be checked against the required format in time; shorten or simplify the value.");
        }
    }
}
