using System.Globalization;
using DelegationWidgets.Testing;
using DelegationWidgets.Widgets.Browser.Tests;
using Microsoft.Playwright;

// The widgets' load benchmark: the real host (its published, trimmed bundle) and a page on another origin with a strict
// CSP that inserts loader.js and a <dw-form>; the time from inserting the loader to the form's first enabled button
// (interactive) in headless Debian Chromium, cold (a new browser profile each run: nothing cached) and warm (the same
// profile, page loaded again), and the bytes the widgets transfer to interactive and with the Form Profile, which loads
// lazily afterwards. The Brotli figure weighs the same requests as the .br files the host serves to browsers that accept
// Brotli (as Chromium does on localhost). Budgets on this machine: cold <= 2.5 MB and <= 2.5 s, warm <= 0.8 s.
var runs = BenchmarkOutput.Option(args, "--runs", 7);
const double ColdBudgetMs = 2500, WarmBudgetMs = 800, BytesBudget = 2.5 * 1024 * 1024;
Console.WriteLine($"DelegationWidgets widget load benchmark: {runs} cold and {runs} warm loads, headless Chromium, {Environment.ProcessorCount} cores");

var pages = PageServer.Create();
await using var host = new HostProcess(new Dictionary<string, string>
{
    ["Widgets__AllowedOrigins__0"] = pages.OriginText,
    ["Logging__LogLevel__Default"] = "Warning",
    ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
});
await host.StartAsync();
await pages.StartAsync();
var api = host.BaseAddress;
pages.Add("/bridge.js", $$"""
    window.dwHost = {
      getToken: function () {
        return fetch('{{api}}dev/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"persona":"agent"}' })
          .then(function (r) { return r.json(); }).then(function (b) { return b.access_token; });
      },
      context: function () { return {}; }
    };
    """);
pages.Add("/bench.js", $$"""
    window.dwBench = new Promise(function (resolve) {
      var start = performance.now();
      var loader = document.createElement('script');
      loader.src = '{{api}}widgets/loader.js';
      document.head.appendChild(loader);
      var form = document.createElement('dw-form');
      form.setAttribute('form', 'unlock-account');
      document.body.appendChild(form);
      var started = 0;
      loader.onload = function () {
        window.DelegationWidgets.start().then(function () { started = performance.now() - start; });
      };
      new MutationObserver(function (_, observer) {
        var button = form.querySelector('button.dw-button-primary');
        if (button && !button.disabled) {
          observer.disconnect();
          window.dwPhases = { runtime: started, interactive: performance.now() - start,
            requests: performance.getEntriesByType('resource').filter(function (e) { return e.name.indexOf('/_framework/') < 0; })
              .map(function (e) { return e.name.replace(/^.*\/(?=[^/]+$)/, '') + ' ' + Math.round(e.startTime - start) + '-' + Math.round(e.responseEnd - start); }) };
          window.dwFetched = performance.getEntriesByType('resource').map(function (e) { return e.name; });
          resolve(performance.now() - start);
        }
      }).observe(form, { childList: true, subtree: true, attributes: true });
    });
    """);
var page = pages.Add("/bench.html", """
    <!DOCTYPE html>
    <html lang="en"><head><meta charset="utf-8"><title>Widget load benchmark</title>
    <script src="/bridge.js"></script><script src="/bench.js" defer></script></head>
    <body></body></html>
    """, PageServer.StrictCsp(api));

using var playwright = await Playwright.CreateAsync();
await using var browser = await Chromium.LaunchAsync(playwright);
var bundle = Path.Combine(Path.GetDirectoryName(RepositoryPaths.HostAssembly)!, "widgets", "wwwroot");

// One load in the context: milliseconds to interactive, and the bytes received for the widgets (as served, and their
// Brotli weight) by then and once the lazily loaded Form Profile has arrived too.
async Task<(double Ms, long Bytes, long Brotli, long BrotliWithProfile)> LoadAsync(IBrowserContext context)
{
    var tab = await context.NewPageAsync();
    var responses = new List<IResponse>();
    tab.Response += (_, r) => { lock (responses) { responses.Add(r); } };
    await tab.GotoAsync(page.ToString());
    var ms = await tab.EvaluateAsync<double>("() => window.dwBench");
    // What the page had requested when the form became interactive (the Form Profile loads after that).
    var requested = (await tab.EvaluateAsync<string[]>("() => window.dwFetched")).ToHashSet(StringComparer.Ordinal);
    await tab.EvaluateAsync<string>("() => DotNet.invokeMethodAsync('DelegationWidgets.Widgets', 'ProfileVerdicts', '[]')");
    await tab.WaitForLoadStateAsync(LoadState.NetworkIdle);
    IResponse[] all;
    lock (responses)
    {
        all = [.. responses];
    }

    var atInteractive = all.Where(r => requested.Contains(r.Url)).ToArray();

    if (args.Contains("--phases"))
    {
        Console.WriteLine("  phases: " + await tab.EvaluateAsync<string>("() => JSON.stringify(window.dwPhases)"));
    }

    if (args.Contains("--files"))
    {
        Console.WriteLine("  fetched to interactive: " + string.Join(" ", atInteractive.Select(r => r.Url[(api + "widgets/").Length..]).Where(u => !u.StartsWith("../", StringComparison.Ordinal))));
    }

    var (bytes, brotli) = await WeighAsync(atInteractive);
    var (_, brotliWithProfile) = await WeighAsync(all);
    await tab.CloseAsync();
    return (ms, bytes, brotli, brotliWithProfile);
}

async Task<(long Bytes, long Brotli)> WeighAsync(IEnumerable<IResponse> responses)
{
    long bytes = 0, brotli = 0;
    foreach (var response in responses.Where(r => r.Url.StartsWith(api + "widgets/", StringComparison.Ordinal)))
    {
        var sizes = await response.Request.SizesAsync();
        bytes += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
        var file = Path.Combine(bundle, new Uri(response.Url).AbsolutePath["/widgets/".Length..]);
        brotli += response.Status == 304 ? sizes.ResponseHeadersSize
            : (File.Exists(file + ".br") ? new FileInfo(file + ".br").Length : File.Exists(file) ? new FileInfo(file).Length : sizes.ResponseBodySize) + sizes.ResponseHeadersSize;
    }

    return (bytes, brotli);
}

// Warm-up of the host (first requests JIT the API) with one cold load that is not counted.
await using (var warmup = await browser.NewContextAsync())
{
    await LoadAsync(warmup);
}

var cold = new List<(double Ms, long Bytes, long Brotli, long BrotliWithProfile)>();
for (var i = 0; i < runs; i++)
{
    await using var context = await browser.NewContextAsync();
    cold.Add(await LoadAsync(context));
}

var warm = new List<(double Ms, long Bytes, long Brotli, long BrotliWithProfile)>();
await using (var context = await browser.NewContextAsync())
{
    await LoadAsync(context);
    for (var i = 0; i < runs; i++)
    {
        warm.Add(await LoadAsync(context));
    }
}

Console.WriteLine();
Report("cold: load to interactive, median ms", Median(cold.Select(c => c.Ms)), ColdBudgetMs);
Report("cold: load to interactive, worst ms", cold.Max(c => c.Ms), ColdBudgetMs);
Report("cold: bytes to interactive, Brotli", cold.Max(c => c.Brotli), BytesBudget);
Report("cold: bytes to interactive, as served here", cold.Max(c => c.Bytes), null);
Report("cold: bytes with the lazy Form Profile, Brotli", cold.Max(c => c.BrotliWithProfile), null);
Report("warm: load to interactive, median ms", Median(warm.Select(c => c.Ms)), WarmBudgetMs);
Report("warm: load to interactive, worst ms", warm.Max(c => c.Ms), WarmBudgetMs);
Report("warm: bytes as served here", warm.Max(c => c.Bytes), null);
await pages.DisposeAsync();
return;

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

static void Report(string name, double value, double? budget)
{
    var verdict = budget is { } b ? $"budget {b.ToString("N0", CultureInfo.InvariantCulture),12}   {(value <= b ? "MET" : "NOT MET")}   ratio {(value / b).ToString("F3", CultureInfo.InvariantCulture)} of the budget" : "(no budget)";
    Console.WriteLine($"{name,-46} {value.ToString("N0", CultureInfo.InvariantCulture),12}   {verdict}");
}
