using NJsonSchema;
using NJsonSchema.Validation;
using Newtonsoft.Json.Linq;

namespace DelegationWidgets.FormProfile.Validation;

/// <summary>A keyword the profile enforces itself because NJsonSchema gets it wrong or ignores it.</summary>
internal abstract class KeywordCheck
{
    public abstract void Check(JToken token, JsonSchema schema, ICollection<ValidationError> errors);

    protected static void Fail(ICollection<ValidationError> errors, JToken token, JsonSchema schema, string keyword, string message) =>
        errors.Add(new FormValidationError(JsonValues.PointerOf(token), keyword, message, token, schema));
}
