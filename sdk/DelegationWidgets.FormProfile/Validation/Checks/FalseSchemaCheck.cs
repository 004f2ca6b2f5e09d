using NJsonSchema;
using NJsonSchema.Validation;
using Newtonsoft.Json.Linq;

namespace DelegationWidgets.FormProfile.Validation;

/// <summary>The boolean schema <c>false</c>: nothing is valid.</summary>
internal sealed class FalseSchemaCheck : KeywordCheck
{
    public static FalseSchemaCheck Instance { get; } = new();

    public override void Check(JToken token, JsonSchema schema, ICollection<ValidationError> errors) =>
        Fail(errors, token, schema, "false", token.Parent is JProperty ? "This field is not allowed." : "This value is not allowed.");
}
