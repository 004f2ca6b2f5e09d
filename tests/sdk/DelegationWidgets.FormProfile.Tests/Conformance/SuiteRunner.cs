using System.Text.Json;
using System.Text.Json.Nodes;

namespace DelegationWidgets.FormProfile.Tests.Conformance;

/// <summary>One test case of the suite and what <see cref="FormSchema"/> made of it.</summary>
internal sealed record CaseResult(string File, string Group, string Case, bool Expected, bool? Actual, string? Refusal)
{
    public bool Passed => Actual == Expected;

    public string Describe() =>
        $"{File} | {Group} | {Case}: expected {(Expected ? "valid" : "invalid")}, got "
        + (Refusal is not null ? $"refused at load ({Refusal})" : Actual == true ? "valid" : "invalid");
}

/// <summary>Runs suite files through <see cref="FormSchema.Load(string)"/> + <see cref="FormSchema.Validate(JsonElement)"/>.</summary>
internal static class SuiteRunner
{
    private const string Draft7Dialect = "http://json-schema.org/draft-07/schema#";

    public static IReadOnlyList<CaseResult> Run(string suiteRoot, string file)
    {
        var path = Path.Combine(suiteRoot, "tests", file);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var results = new List<CaseResult>();
        foreach (var group in document.RootElement.EnumerateArray())
        {
            var groupDescription = group.GetProperty("description").GetString()!;
            var schemaJson = SchemaText(group.GetProperty("schema"), file.StartsWith("draft7/", StringComparison.Ordinal));
            FormSchema? schema = null;
            string? refusal = null;
            try
            {
                schema = FormSchema.Load(schemaJson);
            }
            catch (FormProfileException exception)
            {
                refusal = exception.Message;
            }

            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                var expected = test.GetProperty("valid").GetBoolean();
                bool? actual = schema is null ? null : schema.Validate(test.GetProperty("data")).Count == 0;
                results.Add(new CaseResult(file, groupDescription, test.GetProperty("description").GetString()!, expected, actual, refusal));
            }
        }

        return results;
    }

    /// <summary>Draft-07 files carry no $schema; the profile reads schemas without one as 2020-12, so name the draft.</summary>
    internal static string SchemaText(JsonElement schema, bool draft7)
    {
        if (!draft7 || schema.ValueKind != JsonValueKind.Object || schema.TryGetProperty("$schema", out _))
        {
            return schema.GetRawText();
        }

        var node = JsonNode.Parse(schema.GetRawText())!.AsObject();
        node.Insert(0, "$schema", Draft7Dialect);
        return node.ToJsonString();
    }
}
