using System.Globalization;

namespace DelegationWidgets.Testing;

/// <summary>What the benchmark programs share: their command-line options and the goal lines they print.</summary>
public static class BenchmarkOutput
{
    /// <summary>The whole number after <paramref name="name"/> on the command line (e.g. <c>--users 1000</c>), or the fallback.</summary>
    public static int Option(string[] args, string name, int fallback)
    {
        ArgumentNullException.ThrowIfNull(args);
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    /// <summary>One figure against its goal (if any) and as a ratio of the bare endpoint's run in the same process.</summary>
    public static void Report(string name, double value, double? goal, bool higherIsBetter, LoadResult baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var ratio = higherIsBetter ? value / baseline.PerSecond : value / baseline.P95;
        var against = higherIsBetter ? "of the bare endpoint's req/s" : "times the bare endpoint's p95";
        var verdict = goal is { } g ? $"goal {(higherIsBetter ? ">=" : "<=")} {g,5}   {((higherIsBetter ? value >= g : value <= g) ? "MET" : "NOT MET")}" : "(no goal)";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-26} {value,9:F2}   {verdict}   ratio {ratio:F4} {against}"));
    }
}
