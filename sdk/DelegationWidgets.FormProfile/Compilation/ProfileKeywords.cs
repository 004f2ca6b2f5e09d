namespace DelegationWidgets.FormProfile.Compilation;

/// <summary>The keywords of the Form Profile. Anything else in a schema is refused at load.</summary>
internal static class ProfileKeywords
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "type", "title", "description", "default", "readOnly", "writeOnly", "enum", "const",
        "oneOf", "anyOf", "allOf", "properties", "required", "additionalProperties",
        "if", "then", "else", "dependentRequired",
        "minLength", "maxLength", "pattern", "format",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "items", "minItems", "maxItems", "uniqueItems",
        "$ref", "$schema", "$id", "$comment", "$defs", "definitions", "examples",
    };

    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal)
    {
        "string", "integer", "number", "boolean", "null", "array", "object",
    };
}
