using NJsonSchema;
using NJsonSchema.Validation;
using Newtonsoft.Json.Linq;

namespace DelegationWidgets.FormProfile.Validation;

/// <summary><c>enum</c> and <c>const</c>: NJsonSchema ignores const and compares enum values as strings (1 equals "1").</summary>
internal sealed class ValueCheck(string keyword, IReadOnlyList<JToken> allowed, IReadOnlyList<string> labels) : KeywordCheck
{
    public override void Check(JToken token, JsonSchema schema, ICollection<ValidationError> errors)
    {
        foreach (var value in allowed)
        {
            if (JsonValues.DeepEquals(value, token))
            {
                return;
            }
        }

        var message = keyword == "const" || labels.Count == 1
            ? $"Must be {labels[0]}."
            : "Must be one of: " + string.Join(", ", labels) + ".";
        Fail(errors, token, schema, keyword, message);
    }
}
