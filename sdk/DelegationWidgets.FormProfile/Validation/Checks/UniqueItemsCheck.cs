using NJsonSchema;
using NJsonSchema.Validation;
using Newtonsoft.Json.Linq;

namespace DelegationWidgets.FormProfile.Validation;

/// <summary><c>uniqueItems</c>: by JSON value (NJsonSchema compares the text, so 1 and 1.0 or reordered objects differ).</summary>
internal sealed class UniqueItemsCheck : KeywordCheck
{
    public static UniqueItemsCheck Instance { get; } = new();

    public override void Check(JToken token, JsonSchema schema, ICollection<ValidationError> errors)
    {
        if (token is not JArray array)
        {
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            for (var j = i + 1; j < array.Count; j++)
            {
                if (JsonValues.DeepEquals(array[i], array[j]))
                {
                    Fail(errors, token, schema, "uniqueItems", "Must not contain the same item twice.");
                    return;
                }
            }
        }
    }
}
