using System.Globalization;
using Xunit.Abstractions;

namespace DelegationWidgets.FormProfile.Tests.Conformance;

/// <summary>
/// Invariant 2: the Form Profile gives the official JSON-Schema-Test-Suite's verdict on every case of the profile's keywords,
/// except the cases listed (with a reason) in conformance-exceptions.json. A new failure fails; a listed case that starts
/// passing fails too, so the list stays honest.
/// </summary>
public sealed class JsonSchemaSuiteTests(ITestOutputHelper output)
{
    public static TheoryData<string> Files => SuiteFiles.Data;

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void Validate_SuiteFile_MatchesSuiteVerdictExceptListed(string file)
    {
        var suite = SuiteLocation.Require();
        var exceptions = ConformanceExceptions.Load().Where(e => e.File == file).ToList();
        var results = SuiteRunner.Run(suite, file);

        var problems = Problems(results, exceptions);
        var passed = results.Count(r => r.Passed);
        output.WriteLine($"{file}: {passed}/{results.Count} cases pass, {results.Count(r => exceptions.Any(e => e.Covers(r)))} listed exceptions");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [SkippableFact]
    public void Validate_WholeProfileSuite_ReportsPassRate()
    {
        var suite = SuiteLocation.Require();
        var exceptions = ConformanceExceptions.Load();
        var results = SuiteFiles.All.SelectMany(file => SuiteRunner.Run(suite, file)).ToList();

        var passed = results.Count(r => r.Passed);
        var listed = results.Count(r => exceptions.Any(e => e.Covers(r)));
        var rate = (100.0 * passed / results.Count).ToString("0.0", CultureInfo.InvariantCulture);
        var inProfile = results.Where(r => r.Refusal is null).ToList();
        var summary = $"JSON Schema suite: {passed}/{results.Count} cases pass ({rate}%), {listed} listed exceptions; "
            + $"of the cases whose schema is inside the Form Profile, {inProfile.Count(r => r.Passed)}/{inProfile.Count} pass";
        output.WriteLine(summary);
        Console.WriteLine(summary);

        var unknownFiles = exceptions.Select(e => e.File).Distinct().Where(f => !SuiteFiles.All.Contains(f)).ToList();
        Assert.True(unknownFiles.Count == 0, "Exceptions name files outside the profile's suite files: " + string.Join(", ", unknownFiles));
        Assert.Equal(results.Count - passed, listed);
    }

    private static List<string> Problems(IReadOnlyList<CaseResult> results, IReadOnlyList<ConformanceException> exceptions)
    {
        var problems = new List<string>();
        foreach (var result in results)
        {
            var listed = exceptions.Any(e => e.Covers(result));
            if (!result.Passed && !listed)
            {
                problems.Add("New failure: " + result.Describe());
            }
            else if (result.Passed && listed)
            {
                problems.Add($"Listed exception now passes, remove or narrow it: {result.File} | {result.Group} | {result.Case}");
            }
        }

        foreach (var exception in exceptions)
        {
            if (!results.Any(exception.Covers))
            {
                problems.Add($"Listed exception matches no suite case: {exception.File} | {exception.Group} | {exception.Case}");
            }
        }

        return problems;
    }
}
