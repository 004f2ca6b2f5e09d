using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DelegationWidgets.FormProfile;

namespace DelegationWidgets.Benchmarks;

/// <summary>
/// Form Profile validation of one submission's data (the reset-password form as shipped), against the baseline of
/// parsing the same JSON with System.Text.Json, in this process.
/// </summary>
internal static class ValidationBenchmark
{
    public static void Run()
    {
        var form = JsonDocument.Parse(File.ReadAllText(DelegationWidgets.Testing.RepositoryPaths.StandardForm("create-temporary-account")));
        var schema = FormSchema.Load(form.RootElement.GetProperty("schema").GetRawText());
        const string data = """{"givenName":"Tessa","surname":"Tijdelijk","ou":"OU=External,DC=demo,DC=example","manager":"maria.manager","expiresOn":"2027-01-31"}""";
        if (schema.Validate(data).Count != 0)
        {
            throw new InvalidOperationException("The benchmark data is not valid for the form.");
        }

        var validate = BestMicroseconds(() => schema.Validate(data));
        var parse = BestMicroseconds(() => JsonDocument.Parse(data).Dispose());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Form Profile validation (create-temporary-account data): {validate:F1} µs per call; parsing the same JSON: {parse:F2} µs; ratio {validate / parse:F1}"));
    }

    private static double BestMicroseconds(Action action)
    {
        const int calls = 2000;
        for (var i = 0; i < calls; i++)
        {
            action();
        }

        var best = double.MaxValue;
        for (var batch = 0; batch < 5; batch++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < calls; i++)
            {
                action();
            }

            best = Math.Min(best, clock.Elapsed.TotalMicroseconds / calls);
        }

        return best;
    }
}
