using System.Text.Json;
using System.Text.Json.Serialization;

namespace DelegationWidgets.FormProfile.Tests.Conformance;

/// <summary>One suite case (or, with case "*", every case of a group) that the profile does not follow, and why.</summary>
internal sealed record ConformanceException(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("case")] string Case,
    [property: JsonPropertyName("reason")] string Reason)
{
    public const string AnyCase = "*";

    public bool Covers(CaseResult result) =>
        File == result.File && Group == result.Group && (Case == AnyCase || Case == result.Case);
}

/// <summary>The checked-in list, conformance-exceptions.json.</summary>
internal static class ConformanceExceptions
{
    private sealed record ListFile([property: JsonPropertyName("exceptions")] List<ConformanceException> Exceptions);

    public static IReadOnlyList<ConformanceException> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Conformance", "conformance-exceptions.json");
        return JsonSerializer.Deserialize<ListFile>(File.ReadAllText(path))!.Exceptions;
    }
}
