using System.Diagnostics;
using System.Globalization;

namespace DelegationWidgets.Testing;

/// <summary>The figures of one load run: how many requests completed, how fast, and their latency percentiles.</summary>
public sealed record LoadResult(string Name, int Requests, int Errors, TimeSpan Duration, double P50, double P95, double P99)
{
    public double PerSecond => Requests / Duration.TotalSeconds;

    /// <summary>CPU time the server spent per request (all cores), when known.</summary>
    public double? ServerCpuMs { get; init; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-38} {PerSecond,7:F0} req/s   p50 {P50,7:F2} ms   p95 {P95,7:F2} ms   p99 {P99,7:F2} ms   errors {Errors}{(ServerCpuMs is { } cpu ? $"   server CPU {cpu:F2} ms/req" : "")}");
}

/// <summary>Runs an operation from N concurrent callers for a fixed time (bounded, loopback only) and measures each call. Used by the benchmarks.</summary>
public static class LoadRun
{
    /// <summary>Runs the load and also reports the server's CPU time per request, read from <paramref name="serverCpu"/> before and after.</summary>
    public static async Task<LoadResult> RunAsync(string name, int callers, TimeSpan duration, Func<TimeSpan> serverCpu, Func<int, int, Task<bool>> operation)
    {
        var before = serverCpu();
        var result = await RunAsync(name, callers, duration, operation);
        return result with { ServerCpuMs = (serverCpu() - before).TotalMilliseconds / Math.Max(1, result.Requests) };
    }

    public static async Task<LoadResult> RunAsync(string name, int callers, TimeSpan duration, Func<int, int, Task<bool>> operation)
    {
        var latencies = new List<double>[callers];
        var errors = 0;
        var clock = Stopwatch.StartNew();
        var deadline = clock.Elapsed + duration;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async caller =>
        {
            var mine = latencies[caller] = new List<double>(4096);
            for (var i = 0; clock.Elapsed < deadline; i++)
            {
                var started = clock.Elapsed;
                var ok = await operation(caller, i);
                mine.Add((clock.Elapsed - started).TotalMilliseconds);
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var elapsed = clock.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(name, all.Length, errors, elapsed, Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
