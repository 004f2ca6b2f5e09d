namespace DelegationWidgets.FormProfile.Tests.Conformance;

/// <summary>The suite files that exercise the Form Profile's keywords, relative to the suite's tests/ folder.</summary>
internal static class SuiteFiles
{
    private static readonly string[] Keywords =
    [
        "type", "enum", "const", "oneOf", "anyOf", "allOf", "properties", "required", "additionalProperties",
        "if-then-else", "minLength", "maxLength", "pattern", "format", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "items", "minItems", "maxItems", "uniqueItems",
        "ref", "default", "boolean_schema",
    ];

    private static readonly string[] Formats = ["email", "date", "date-time", "uri", "uuid"];

    public static IReadOnlyList<string> All { get; } =
    [
        .. Keywords.Select(k => $"draft2020-12/{k}.json"),
        "draft2020-12/defs.json",
        "draft2020-12/dependentRequired.json",
        .. Formats.Select(f => $"draft2020-12/optional/format/{f}.json"),
        .. Keywords.Select(k => $"draft7/{k}.json"),
        "draft7/definitions.json",
        .. Formats.Where(f => f != "uuid").Select(f => $"draft7/optional/format/{f}.json"),
    ];

    public static TheoryData<string> Data
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var file in All)
            {
                data.Add(file);
            }

            return data;
        }
    }
}
