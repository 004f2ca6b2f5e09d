using NJsonSchema;
using NJsonSchema.Validation;
using Newtonsoft.Json.Linq;

namespace DelegationWidgets.FormProfile.Validation;

/// <summary>
/// An error raised by one of the profile's own keyword checks. It is an NJsonSchema <see cref="ValidationError"/> so it
/// takes part in NJsonSchema's allOf/anyOf/oneOf/not decisions exactly like NJsonSchema's own errors.
/// </summary>
internal sealed class FormValidationError(string pointer, string keyword, string message, JToken token, JsonSchema schema)
    : ValidationError(ValidationErrorKind.Unknown, null, pointer, token, schema)
{
    public string Pointer { get; } = pointer;

    public string Keyword { get; } = keyword;

    public string Message { get; } = message;

    public FieldError ToFieldError() => new(Pointer, Keyword, Message);

    public override string ToString() => $"{Pointer}: {Keyword}: {Message}";
}
