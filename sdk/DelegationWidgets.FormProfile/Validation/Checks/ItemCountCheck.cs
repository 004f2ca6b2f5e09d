using System.Globalization;
using NJsonSchema;
using NJsonSchema.Validation;
using Newtonsoft.Json.Linq;

namespace DelegationWidgets.FormProfile.Validation;

/// <summary><c>minItems</c>/<c>maxItems</c>: NJsonSchema skips maxItems 0.</summary>
internal sealed class ItemCountCheck(int? minItems, int? maxItems) : KeywordCheck
{
    public override void Check(JToken token, JsonSchema schema, ICollection<ValidationError> errors)
    {
        if (token is not JArray array)
        {
            return;
        }

        if (array.Count < minItems)
        {
            Fail(errors, token, schema, "minItems", minItems == 1
                ? "Must have at least 1 item."
                : string.Create(CultureInfo.InvariantCulture, $"Must have at least {minItems} items."));
        }

        if (array.Count > maxItems)
        {
            Fail(errors, token, schema, "maxItems", maxItems switch
            {
                0 => "Must be empty.",
                1 => "Must have at most 1 item.",
                _ => string.Create(CultureInfo.InvariantCulture, $"Must have at most {maxItems} items."),
            });
        }
    }
}
