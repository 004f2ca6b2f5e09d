using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DelegationWidgets.Benchmarks;
using DelegationWidgets.Testing;

// The delegation API benchmark (see README "Benchmarks"). Options: --users N (default 100000), --audit N (default 1000000),
// --seconds N per load run (default 20), --callers N (default 16), --only submissions|lookups|audit (skip the other runs, e.g. while profiling).
var users = BenchmarkOutput.Option(args, "--users", 100_000);
var auditEvents = BenchmarkOutput.Option(args, "--audit", 1_000_000);
var seconds = TimeSpan.FromSeconds(BenchmarkOutput.Option(args, "--seconds", 20));
var callers = BenchmarkOutput.Option(args, "--callers", 16);
var only = Array.IndexOf(args, "--only") is var o and >= 0 && o + 1 < args.Length ? args[o + 1] : null;
bool Runs(string name) => only is null || only == name;
var durability = Environment.GetEnvironmentVariable("Storage__SqliteDurability") is { Length: > 0 } d ? d : "Normal";
Console.WriteLine($"DelegationWidgets benchmark: {users} directory users, {auditEvents} audit events, {callers} callers, {seconds.TotalSeconds} s per run, {Environment.ProcessorCount} cores, SQLite durability {durability}");

// 1. The baseline: a bare minimal-API endpoint on Kestrel in this process, driven the same way.
var bare = WebApplication.CreateSlimBuilder();
bare.WebHost.UseUrls("http://127.0.0.1:0");
bare.Logging.ClearProviders();
await using var bareApp = bare.Build();
bareApp.MapGet("/ping", () => "pong");
await bareApp.StartAsync();
var bareAddress = new Uri(bareApp.Urls.First() + "/");

// 2. The host on a directory of the asked size, with the audit trail pre-filled to the asked size.
await using var host = new HostProcess(new Dictionary<string, string>
{
    ["BuiltInDirectory__UserCount"] = users.ToString(CultureInfo.InvariantCulture),
    ["RateLimiting__Enabled"] = "false", // one persona drives all the load: the per-caller limit would measure itself
    ["Logging__LogLevel__Default"] = "Warning",
    ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
});
var clock = System.Diagnostics.Stopwatch.StartNew();
await host.StartAsync(TimeSpan.FromMinutes(10));
Console.WriteLine($"host started and seeded in {clock.Elapsed.TotalSeconds:F1} s");
var salesUsers = await new DirectoryReader(host.DatabasePath).ColumnAsync("SELECT Id FROM directory_objects WHERE Kind = 0 AND OrganizationalUnit = 'OU=Sales,DC=demo,DC=example' ORDER BY Id");
await host.KillAsync();
clock.Restart();
var actors = Enumerable.Range(0, 200).Select(i => $"agent{i:D3}").Append("anna.agent").ToArray();
await AuditSeeder.AppendAsync(host.DatabasePath, auditEvents, actors, salesUsers);
Console.WriteLine($"{auditEvents} audit events appended in {clock.Elapsed.TotalSeconds:F1} s");
await host.StartAsync(TimeSpan.FromMinutes(5));

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = callers * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
using var http = new HttpClient(handler);
var agent = await host.TokenAsync("agent");
var admin = await host.TokenAsync("admin");

await Warmup();
var ownCpu = () => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
var baseline = await LoadRun.RunAsync("bare minimal-API endpoint (baseline)", callers, seconds, ownCpu, async (_, _) =>
{
    using var response = await http.GetAsync(new Uri(bareAddress, "ping"));
    return response.IsSuccessStatusCode;
});

var skipped = new LoadResult("(skipped)", 0, 0, TimeSpan.FromSeconds(1), double.NaN, double.NaN, double.NaN);

// Typeahead as people type: the first two, then three letters of names in the agent's scope (Sales).
var prefixes2 = salesUsers.Select(u => u[..2]).Distinct().ToArray();
var prefixes3 = salesUsers.Select(u => u[..3]).Distinct().ToArray();
var lookups = !Runs("lookups") ? skipped : await LookupRunAsync("lookup (2-letter prefix, page of 25)", prefixes2);
var lookups3 = !Runs("lookups") ? skipped : await LookupRunAsync("lookup (3-letter prefix, page of 25)", prefixes3);

var audit = !Runs("audit") ? skipped : await LoadRun.RunAsync("audit query (filtered, 1 page of 50)", callers, seconds, () => host.CpuTime, async (caller, i) =>
{
    var n = caller * 7919 + i;
    var path = (n % 3) switch
    {
        0 => $"api/v1/audit?actor={actors[n % actors.Length]}",
        1 => $"api/v1/audit?target={salesUsers[n % salesUsers.Count]}",
        _ => $"api/v1/audit?ticket=INC{(n * 37 % (auditEvents / 2)).ToString("D7", CultureInfo.InvariantCulture)}",
    };
    using var request = Get(path, admin);
    using var response = await http.SendAsync(request);
    return response.IsSuccessStatusCode;
});

var submissions = !Runs("submissions") ? skipped : await LoadRun.RunAsync("durable submission (201)", callers, seconds, () => host.CpuTime, async (caller, i) =>
{
    var user = salesUsers[(caller * 7919 + i * 31) % salesUsers.Count];
    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.BaseAddress, "api/v1/forms/update-contact-details/submissions"))
    {
        Content = JsonContent.Create(new { data = new { user, phone = $"+31 20 {caller:D2}{i:D6}" } }),
    };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agent);
    request.Headers.Add("Idempotency-Key", $"bench-{caller}-{i}-{Guid.NewGuid():N}");
    using var response = await http.SendAsync(request);
    return response.StatusCode == System.Net.HttpStatusCode.Created;
});

Console.WriteLine();
foreach (var result in new[] { baseline, lookups, lookups3, audit, submissions })
{
    Console.WriteLine(result);
}

Console.WriteLine();
ValidationBenchmark.Run();
Console.WriteLine();
BenchmarkOutput.Report("submissions/s", submissions.PerSecond, 1000, higherIsBetter: true, baseline);
BenchmarkOutput.Report("submission p95 ms", submissions.P95, 25, higherIsBetter: false, baseline);
BenchmarkOutput.Report("lookup p95 ms", lookups.P95, 30, higherIsBetter: false, baseline);
BenchmarkOutput.Report("lookup (3 letters) p95", lookups3.P95, 30, higherIsBetter: false, baseline);
BenchmarkOutput.Report("audit query p95 ms", audit.P95, 50, higherIsBetter: false, baseline);

using (var verify = Get("api/v1/audit/verify", admin))
using (var response = await http.SendAsync(verify))
{
    Console.WriteLine($"audit chain after the run: {await response.Content.ReadAsStringAsync()}");
}

await bareApp.StopAsync();
return;

Task<LoadResult> LookupRunAsync(string name, string[] prefixes) => LoadRun.RunAsync(name, callers, seconds, () => host.CpuTime, async (caller, i) =>
{
    var q = prefixes[(caller * 7919 + i) % prefixes.Length];
    using var request = Get($"api/v1/forms/unlock-account/lookups/user?q={q}", agent);
    using var response = await http.SendAsync(request);
    return response.IsSuccessStatusCode;
});

// Every kind of request a few hundred times first, so the runs measure code the JIT has already optimised.
async Task Warmup()
{
    for (var i = 0; i < 500; i++)
    {
        using var a = await http.GetAsync(new Uri(bareAddress, "ping"));
        using var lookupRequest = Get($"api/v1/forms/unlock-account/lookups/user?q={salesUsers[i % salesUsers.Count][..2]}", agent);
        using var b = await http.SendAsync(lookupRequest);
        using var auditRequest = Get("api/v1/audit?actor=anna.agent", admin);
        using var c = await http.SendAsync(auditRequest);
        using var submit = new HttpRequestMessage(HttpMethod.Post, new Uri(host.BaseAddress, "api/v1/forms/update-contact-details/submissions"))
        {
            Content = JsonContent.Create(new { data = new { user = salesUsers[i % salesUsers.Count], phone = $"+31 20 999{i:D4}" } }),
        };
        submit.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agent);
        using var d = await http.SendAsync(submit);
    }
}

HttpRequestMessage Get(string path, string token)
{
    var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseAddress, path));
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return request;
}
