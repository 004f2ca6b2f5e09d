using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DelegationWidgets.Host.Ldap.Tests.Samba;
using DelegationWidgets.Ldap.Benchmarks;
using DelegationWidgets.Testing;

// The soak: a throw-away Samba DC with --users N users (default 2000), one PostgreSQL server, --hosts N instances of the
// real host (default 2) on one database behind nginx, driven through nginx by --callers N (default 50) for --seconds N
// (default 600) with mixed traffic: 40 % lookups, 20 % dry runs, 20 % submissions (each a real group addition on the
// DC), 10 % audit reads, 10 % form reads. A bare minimal-API endpoint is driven by the same callers first, in the same
// run, as the baseline. Reports throughput, p95/p99, errors (goal 0), each instance's memory over time (goal: no growth
// trend) and the audit chain afterwards. Needs root, Samba, PostgreSQL and nginx (tests/run.sh installs them).
var users = BenchmarkOutput.Option(args, "--users", 2000);
var duration = TimeSpan.FromSeconds(BenchmarkOutput.Option(args, "--seconds", 600));
var callers = BenchmarkOutput.Option(args, "--callers", 50);
var hostCount = BenchmarkOutput.Option(args, "--hosts", 2);
var lookupRefresh = BenchmarkOutput.Option(args, "--lookup-refresh-seconds", 0); // Ldap:LookupRefreshInterval; 0 is the product's default
var groups = 50;
Console.WriteLine($"DelegationWidgets soak: {hostCount} instances on PostgreSQL behind nginx, {users} users in the Samba domain, {callers} callers, {duration.TotalSeconds} s, lookup refresh interval {lookupRefresh} s, {Environment.ProcessorCount} cores");

// 1. The baseline: a bare minimal-API endpoint on Kestrel in this process.
var bare = WebApplication.CreateSlimBuilder();
bare.WebHost.UseUrls("http://127.0.0.1:0");
bare.Logging.ClearProviders();
await using var bareApp = bare.Build();
bareApp.MapGet("/ping", () => "pong");
await bareApp.StartAsync();
var bareAddress = new Uri(bareApp.Urls.First() + "/");

// 2. The domain, the database, the instances and the balancer.
var clock = Stopwatch.StartNew();
await using var domain = await SambaDomain.StartAsync();
PersonaDomain.Seed(domain.Directory);
BulkSeed.Groups(domain.Directory, PersonaDomain.Sales, "maria.manager", groups);
BulkSeed.Users(domain, PersonaDomain.Sales, users, connections: 8);
await using var postgres = await PostgresServer.StartAsync();
var database = await postgres.CreateDatabaseAsync();
Console.WriteLine($"DC with {users} users and PostgreSQL ready in {clock.Elapsed.TotalSeconds:F1} s");

var keyFolder = Directory.CreateTempSubdirectory("dw-soak-keys-").FullName;
var hosts = new List<HostProcess>();
for (var i = 0; i < hostCount; i++)
{
    var environment = domain.HostEnvironment();
    environment["Storage__Provider"] = "PostgreSQL";
    environment["ConnectionStrings__Delegation"] = database;
    environment["DevelopmentIssuer__KeyFile"] = Path.Combine(keyFolder, "dev-signing-key.json");
    environment["Changes__InstanceName"] = $"instance-{(char)('a' + i)}";
    environment["Logging__LogLevel__Default"] = "Warning";
    environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
    environment["RateLimiting__Enabled"] = "false"; // one persona drives all the load: the per-caller limit would measure itself
    environment["Ldap__LookupRefreshInterval"] = TimeSpan.FromSeconds(lookupRefresh).ToString();
    var host = new HostProcess(environment);
    await host.StartAsync();
    hosts.Add(host);
}

await using var nginx = await NginxBalancer.StartAsync(hosts.Select(h => h.BaseAddress));
using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = callers * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
using var http = new HttpClient(handler) { BaseAddress = nginx.Address, Timeout = TimeSpan.FromSeconds(60) };
var agent = await hosts[0].TokenAsync("agent");
var admin = await hosts[0].TokenAsync("admin");
var prefixes = Enumerable.Range(0, users / 100).Select(i => "bulk.u" + i.ToString("D3", CultureInfo.InvariantCulture)).ToArray();

var baseline = await LoadRun.RunAsync("bare minimal-API endpoint (baseline)", callers, TimeSpan.FromSeconds(20), async (_, _) =>
{
    using var response = await http.GetAsync(new Uri(bareAddress, "ping"));
    return response.IsSuccessStatusCode;
});

// 3. The soak, with the instances' memory sampled every 10 seconds.
var failures = new ConcurrentDictionary<string, int>();
var completed = 0L;
var additions = 0;
var samples = new List<(double Minutes, long Requests, long[] Bytes)>();
using var stopSampling = new CancellationTokenSource();
var started = Stopwatch.StartNew();
var sampling = Task.Run(async () =>
{
    using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
    do
    {
        var sample = (started.Elapsed.TotalMinutes, Interlocked.Read(ref completed), hosts.Select(h => h.WorkingSetBytes).ToArray());
        lock (samples)
        {
            samples.Add(sample);
        }

        if (samples.Count % 6 == 1)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {sample.TotalMinutes,5:F1} min  {sample.Item2,8} requests  memory {string.Join(" / ", sample.Item3.Select(b => $"{b / 1048576.0:F0} MB"))}"));
        }
    }
    while (await timer.WaitForNextTickAsync(stopSampling.Token).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default));
});

var soak = await LoadRun.RunAsync($"mixed traffic, {callers} callers, {hostCount} instances", callers, duration, async (caller, i) =>
{
    var kind = (caller * 31 + i) % 10;
    var (name, request, expected) = kind switch
    {
        < 4 => ("lookup", Get($"api/v1/forms/add-group-member/lookups/user?q={prefixes[(caller * 7919 + i) % prefixes.Length]}", agent), HttpStatusCode.OK),
        < 6 => ("dry run", Submit(new { data = new { user = BulkSeed.UserId((caller * 7919 + i) % users), group = Group(caller) }, reason = "soak", dryRun = true }), HttpStatusCode.OK),
        < 8 => ("submission", Submit(new { data = new { user = BulkSeed.UserId(Interlocked.Increment(ref additions) % users), group = Group(additions / users) }, reason = "soak" }), HttpStatusCode.Created),
        8 => ("audit read", Get($"api/v1/audit?target={BulkSeed.UserId((caller * 7919 + i) % users)}&limit=20", admin), HttpStatusCode.OK),
        _ => ("form read", Get("api/v1/forms/add-group-member", agent), HttpStatusCode.OK),
    };
    using (request)
    {
        try
        {
            using var response = await http.SendAsync(request);
            Interlocked.Increment(ref completed);
            if (response.StatusCode == expected)
            {
                return true;
            }

            failures.AddOrUpdate($"{name}: {(int)response.StatusCode} {Truncate(await response.Content.ReadAsStringAsync())}", 1, (_, n) => n + 1);
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            failures.AddOrUpdate($"{name}: {e.GetType().Name} {e.Message}", 1, (_, n) => n + 1);
            return false;
        }
    }
});
await stopSampling.CancelAsync();
await sampling;

// 4. The figures.
Console.WriteLine();
Console.WriteLine(baseline);
Console.WriteLine(soak);
Console.WriteLine();
BenchmarkOutput.Report("soak req/s", soak.PerSecond, null, higherIsBetter: true, baseline);
BenchmarkOutput.Report("soak p95 ms", soak.P95, null, higherIsBetter: false, baseline);
BenchmarkOutput.Report("soak p99 ms", soak.P99, null, higherIsBetter: false, baseline);
Console.WriteLine($"errors: {soak.Errors} (goal 0: {(soak.Errors == 0 ? "MET" : "NOT MET")})");
foreach (var (failure, count) in failures.OrderByDescending(f => f.Value).Take(10))
{
    Console.WriteLine($"  {count} × {failure}");
}

// The first unexpected error each instance logged, so a failure above can be followed up.
foreach (var host in hosts)
{
    var lines = host.Output.Split('\n');
    var at = Array.FindIndex(lines, l => l.Contains("DW1099", StringComparison.Ordinal));
    if (at >= 0)
    {
        Console.WriteLine(string.Join('\n', lines.Skip(at).Take(20)));
    }
}

// Memory: the first two minutes are warm-up (JIT, pools, the lookup replica); the trend is the least-squares slope of
// each instance's resident memory over the rest, and the growth from the first to the last sample of that stretch.
var settled = samples.Where(s => s.Minutes >= Math.Min(2, duration.TotalMinutes / 3)).ToList();
for (var h = 0; h < hostCount; h++)
{
    var points = settled.Select(s => (X: s.Minutes, Y: s.Bytes[h] / 1048576.0)).ToList();
    var slope = Slope(points);
    var first = points[0].Y;
    var last = points[^1].Y;
    var growing = slope > 2.0; // MB per minute
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"instance {(char)('a' + h)} memory: start {samples[0].Bytes[h] / 1048576.0:F0} MB, after warm-up {first:F0} MB, end {last:F0} MB, trend {slope:+0.00;-0.00} MB/min (goal: no growth trend, ≤ +2 MB/min: {(growing ? "NOT MET" : "MET")})"));
}

using (var verify = Get("api/v1/audit/verify", admin))
using (var response = await http.SendAsync(verify))
{
    Console.WriteLine($"audit chain after the run: {await response.Content.ReadAsStringAsync()}");
}

Console.WriteLine($"changes recorded: {(await PostgresServer.QueryAsync(database, "SELECT COUNT(*) FROM changes"))[0]}, not finished: {(await PostgresServer.QueryAsync(database, "SELECT COUNT(*) FROM changes WHERE \"CompletedAt\" IS NULL"))[0]}, finished more than once: {(await PostgresServer.QueryAsync(database, "SELECT COUNT(*) FROM (SELECT \"ChangeId\" FROM audit_events WHERE \"Type\" IN ('change.succeeded', 'change.failed', 'change.rejected') GROUP BY \"ChangeId\" HAVING COUNT(*) > 1) d"))[0]}");

foreach (var host in hosts)
{
    await host.DisposeAsync();
}

Directory.Delete(keyFolder, recursive: true);
await bareApp.StopAsync();
return;

string Group(int n) => "bulk-group" + (n % groups).ToString("D2", CultureInfo.InvariantCulture);

HttpRequestMessage Get(string path, string token)
{
    var request = new HttpRequestMessage(HttpMethod.Get, path);
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return request;
}

HttpRequestMessage Submit(object body)
{
    var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/forms/add-group-member/submissions") { Content = JsonContent.Create(body) };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agent);
    request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
    return request;
}

static string Truncate(string text) => text.Length <= 200 ? text : text[..200];

static double Slope(List<(double X, double Y)> points)
{
    var meanX = points.Average(p => p.X);
    var meanY = points.Average(p => p.Y);
    var covariance = points.Sum(p => (p.X - meanX) * (p.Y - meanY));
    var variance = points.Sum(p => (p.X - meanX) * (p.X - meanX));
    return variance == 0 ? 0 : covariance / variance;
}
