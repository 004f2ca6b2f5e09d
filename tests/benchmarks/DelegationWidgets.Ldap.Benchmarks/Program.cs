using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DelegationWidgets.Host.Ldap.Tests.Samba;
using DelegationWidgets.Ldap.Benchmarks;
using DelegationWidgets.Testing;

// The Active Directory benchmark: a throw-away Samba DC with --users N users (default 10000) in OU Sales, the real host
// bound to it (Directory__Connector=Ldap), driven over loopback HTTP by --callers N (default 16) for --seconds N per run
// (default 20), next to a bare minimal-API endpoint driven the same way in the same run. Needs root and Samba (tests/samba).
var users = BenchmarkOutput.Option(args, "--users", 10_000);
var seconds = TimeSpan.FromSeconds(BenchmarkOutput.Option(args, "--seconds", 20));
var callers = BenchmarkOutput.Option(args, "--callers", 16);
Console.WriteLine($"DelegationWidgets LDAP benchmark: {users} users in the Samba domain, {callers} callers, {seconds.TotalSeconds} s per run, {Environment.ProcessorCount} cores");

// 1. The baseline: a bare minimal-API endpoint on Kestrel in this process.
var bare = WebApplication.CreateSlimBuilder();
bare.WebHost.UseUrls("http://127.0.0.1:0");
bare.Logging.ClearProviders();
await using var bareApp = bare.Build();
bareApp.MapGet("/ping", () => "pong");
await bareApp.StartAsync();
var bareAddress = new Uri(bareApp.Urls.First() + "/");

// 2. The domain: personas (grants.json's OUs) plus the bulk users and groups the helpdesk agent may act on.
var clock = Stopwatch.StartNew();
await using var domain = await SambaDomain.StartAsync();
Console.WriteLine($"DC provisioned in {clock.Elapsed.TotalSeconds:F1} s at {domain.Address}");
clock.Restart();
PersonaDomain.Seed(domain.Directory);
BulkSeed.Groups(domain.Directory, PersonaDomain.Sales, "maria.manager", callers);
BulkSeed.Users(domain, PersonaDomain.Sales, users, connections: 8);
Console.WriteLine($"{users} users seeded over LDAP in {clock.Elapsed.TotalSeconds:F1} s ({users / clock.Elapsed.TotalSeconds:F0} adds/s)");

// 3. The host bound to it.
var environment = domain.HostEnvironment();
environment["Logging__LogLevel__Default"] = "Warning";
environment["RateLimiting__Enabled"] = "false"; // one persona drives all the load: the per-caller limit would measure itself
environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
environment["Ldap__MaxConnections"] = BenchmarkOutput.Option(args, "--ldap-connections", 8).ToString(CultureInfo.InvariantCulture);
await using var host = new HostProcess(environment);
await host.StartAsync();

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = callers * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
using var http = new HttpClient(handler);
var agent = await host.TokenAsync("agent");
var admin = await host.TokenAsync("admin");

// Prefixes that each match 100 users ("bulk.u012" → bulk.u01200…01299): the first page of 25 is returned.
var prefixes = Enumerable.Range(0, users / 100).Select(i => "bulk.u" + i.ToString("D3", CultureInfo.InvariantCulture)).ToArray();
await WarmupAsync();

var baseline = await LoadRun.RunAsync("bare minimal-API endpoint (baseline)", callers, seconds, () => Process.GetCurrentProcess().TotalProcessorTime, async (_, _) =>
{
    using var response = await http.GetAsync(new Uri(bareAddress, "ping"));
    return response.IsSuccessStatusCode;
});

var lookups = await LoadRun.RunAsync($"lookup (prefix, 1 page of 25), {callers} callers", callers, seconds, () => host.CpuTime, LookupAsync);
// The same lookup from one caller: the latency of one search when nothing queues at the DC.
var lookupsAlone = await LoadRun.RunAsync("lookup (prefix, 1 page of 25), 1 caller", 1, seconds, () => host.CpuTime, LookupAsync);

// Every reset and every group addition targets another user, so each is a real change on the DC (201, outcome changed).
var next = 100;
var resets = await LoadRun.RunAsync("password reset (201, changed)", callers, seconds, () => host.CpuTime, async (caller, i) =>
{
    var user = BulkSeed.UserId(Interlocked.Increment(ref next) % users);
    using var request = Request(HttpMethod.Post, "api/v1/forms/reset-password/submissions", agent);
    request.Content = JsonContent.Create(new { data = new { user, newPassword = $"Kx!{caller:D2}-{i:D6}-Qz", mustChangeAtNextLogon = false }, reason = "benchmark" });
    request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
    using var response = await http.SendAsync(request);
    return response.StatusCode == System.Net.HttpStatusCode.Created;
});

next = 100;
var additions = await LoadRun.RunAsync("group addition (201, changed)", callers, seconds, () => host.CpuTime, async (caller, i) =>
{
    var user = BulkSeed.UserId(Interlocked.Increment(ref next) % users);
    var group = "bulk-group" + caller.ToString("D2", CultureInfo.InvariantCulture);
    using var request = Request(HttpMethod.Post, "api/v1/forms/add-group-member/submissions", agent);
    request.Content = JsonContent.Create(new { data = new { user, group }, reason = "benchmark" });
    request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
    using var response = await http.SendAsync(request);
    return response.StatusCode == System.Net.HttpStatusCode.Created;
});

Console.WriteLine();
foreach (var result in new[] { baseline, lookups, lookupsAlone, resets, additions })
{
    Console.WriteLine(result);
}

Console.WriteLine();
BenchmarkOutput.Report("lookup p95 ms", lookups.P95, 50, higherIsBetter: false, baseline);
BenchmarkOutput.Report("lookup p95 ms, 1 caller", lookupsAlone.P95, 50, higherIsBetter: false, baseline);
BenchmarkOutput.Report("resets/s", resets.PerSecond, null, higherIsBetter: true, baseline);
BenchmarkOutput.Report("group additions/s", additions.PerSecond, null, higherIsBetter: true, baseline);
using (var verify = Request(HttpMethod.Get, "api/v1/audit/verify", admin))
using (var response = await http.SendAsync(verify))
{
    Console.WriteLine($"audit chain after the run: {await response.Content.ReadAsStringAsync()}");
}

await bareApp.StopAsync();
return;

async Task<bool> LookupAsync(int caller, int i)
{
    using var request = Request(HttpMethod.Get, $"api/v1/forms/reset-password/lookups/user?q={prefixes[(caller * 7919 + i) % prefixes.Length]}", agent);
    using var response = await http.SendAsync(request);
    return response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<LookupPage>())?.Items.Count == 25;
}

async Task WarmupAsync()
{
    for (var i = 0; i < 300; i++)
    {
        using var a = await http.GetAsync(new Uri(bareAddress, "ping"));
        using var lookup = Request(HttpMethod.Get, $"api/v1/forms/reset-password/lookups/user?q={prefixes[i % prefixes.Length]}", agent);
        using var b = await http.SendAsync(lookup);
    }

    for (var i = 0; i < 20; i++)
    {
        using var reset = Request(HttpMethod.Post, "api/v1/forms/reset-password/submissions", agent);
        reset.Content = JsonContent.Create(new { data = new { user = BulkSeed.UserId(i), newPassword = $"Kx!warm-{i:D4}-Qz", mustChangeAtNextLogon = false }, reason = "warm-up" });
        using var c = await http.SendAsync(reset);
        using var add = Request(HttpMethod.Post, "api/v1/forms/add-group-member/submissions", agent);
        add.Content = JsonContent.Create(new { data = new { user = BulkSeed.UserId(i), group = "bulk-group00" }, reason = "warm-up" });
        using var d = await http.SendAsync(add);
        if (!c.IsSuccessStatusCode || !d.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Warm-up failed: reset {(int)c.StatusCode} {await c.Content.ReadAsStringAsync()}, add {(int)d.StatusCode} {await d.Content.ReadAsStringAsync()}");
        }
    }
}

HttpRequestMessage Request(HttpMethod method, string path, string token)
{
    var request = new HttpRequestMessage(method, new Uri(host.BaseAddress, path));
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return request;
}


internal sealed record LookupPage(IReadOnlyList<LookupItem> Items, string? NextCursor);

internal sealed record LookupItem(string Id, string DisplayName);
