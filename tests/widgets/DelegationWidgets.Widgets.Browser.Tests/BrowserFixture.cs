using Deque.AxeCore.Playwright;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using DelegationWidgets.Testing;
using Microsoft.Playwright;

namespace DelegationWidgets.Widgets.Browser.Tests;

/// <summary>
/// The real host with its demo host pages on another origin (another port), and the Debian Chromium driven by Playwright
/// (no browser download: <c>ExecutablePath</c>). Shared by the browser tests; each test opens its own context.
/// </summary>
public sealed partial class BrowserFixture : IAsyncLifetime
{
    /// <summary>How the tests wait for something to show: visible within 30 seconds (the first load compiles the runtime).</summary>
    public static readonly LocatorWaitForOptions Visible = new() { State = WaitForSelectorState.Visible, Timeout = 30_000 };

    /// <summary>An axe-core scan of the scope: no serious or critical violations (the step names where it ran).</summary>
    public static async Task NoSeriousAxeViolationsAsync(ILocator scope, string step)
    {
        var results = await scope.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})").ToList();
        Assert.True(serious.Count == 0, step + ":\n" + string.Join("\n", serious));
    }

    private IPlaywright? _playwright;

    public HostProcess Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The demo host pages' origin, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Pages { get; private set; } = null!;

    /// <summary>Pages the tests write, on a third origin (also allowed to embed the widgets).</summary>
    public PageServer TestPages { get; } = PageServer.Create();

    public async Task InitializeAsync()
    {
        var port = FreePort();
        Pages = new Uri($"http://127.0.0.1:{port}/");
        Host = new HostProcess(new Dictionary<string, string>
        {
            ["Widgets__DemoPages"] = Pages.ToString().TrimEnd('/'),
            ["Widgets__AllowedOrigins__0"] = Pages.GetLeftPart(UriPartial.Authority),
            ["Widgets__AllowedOrigins__1"] = TestPages.OriginText,
        });
        await Host.StartAsync();
        await WaitForDemoPagesAsync();
        await TestPages.StartAsync();
        TestPages.Add("/bridge.js", Bridge);

        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>
    /// A test page that embeds <paramref name="elements"/> with the loader and the test bridge (window.dwHost from
    /// <c>/bridge.js</c>; <c>data-*</c> on the body set the persona, a first token that is refused, ticket and lang).
    /// </summary>
    public Uri TestPage(string path, string elements, string bodyData = "", bool allowWebAssembly = true) =>
        TestPages.Add(path, $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Test page</title>
              <meta name="dw-api" content="{{Host.BaseAddress}}">
              <script src="/bridge.js" defer></script>
              <script src="{{Host.BaseAddress}}widgets/loader.js" defer></script>
            </head>
            <body {{bodyData}}>
              <main>{{elements}}</main>
            </body>
            </html>
            """, PageServer.StrictCsp(Host.BaseAddress, allowWebAssembly));

    /// <summary>The test pages' dwHost: development tokens from the API, every call recorded in <c>window.dwTest</c>.</summary>
    private const string Bridge = """
        (function () {
          var api = document.querySelector('meta[name="dw-api"]').content;
          var data = document.body.dataset;
          var refusedOnce = false;
          window.dwTest = { tokens: [], events: [] };
          window.dwHost = {
            getToken: function (options) {
              var refresh = !!(options && options.forceRefresh);
              window.dwTest.tokens.push(refresh ? 'refresh' : 'token');
              if (data.expiredFirst === 'true' && !refusedOnce && !refresh) {
                refusedOnce = true;
                return 'expired.token.value';
              }
              return fetch(api + 'dev/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ persona: data.persona || 'agent' }) })
                .then(function (r) { return r.json(); })
                .then(function (b) { return b.access_token; });
            },
            context: function () {
              return { ticket: data.ticket || null, lang: data.lang || null };
            }
          };
          ['dw-submitted', 'dw-failed', 'dw-cancelled'].forEach(function (name) {
            document.addEventListener(name, function (e) { window.dwTest.events.push({ name: name, on: e.target.tagName, detail: e.detail }); });
          });
        })();
        """;

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await TestPages.DisposeAsync();
    }

    /// <summary>A fresh browser context (no cache, no storage) with a page that records the console.</summary>
    public Task<(IBrowserContext Context, IPage Page, List<string> Console)> OpenAsync(string page) => OpenAsync(new Uri(Pages, page));

    /// <inheritdoc cref="OpenAsync(string)"/>
    public async Task<(IBrowserContext Context, IPage Page, List<string> Console)> OpenAsync(Uri page)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB" });
        var tab = await context.NewPageAsync();
        var console = new List<string>();
        tab.Console += (_, message) =>
        {
            lock (console)
            {
                console.Add($"{message.Type}: {message.Text}");
            }
        };
        tab.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                lock (console)
                {
                    console.Add($"http {response.Status}: {response.Url}");
                }
            }
        };
        tab.RequestFailed += (_, request) =>
        {
            lock (console)
            {
                console.Add($"failed: {request.Url} {request.Failure}");
            }
        };
        tab.PageError += (_, error) =>
        {
            lock (console)
            {
                console.Add("pageerror: " + error);
            }
        };
        await tab.GotoAsync(page.ToString());
        return (context, tab, console);
    }

    private async Task WaitForDemoPagesAsync()
    {
        for (var i = 0; i < 100 && !DemoLine().IsMatch(Host.Output); i++)
        {
            await Task.Delay(100);
        }

        if (!DemoLine().IsMatch(Host.Output))
        {
            throw new InvalidOperationException("The demo host pages did not start:\n" + Host.Output);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("Demo host pages .* at http://")]
    private static partial Regex DemoLine();
}

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
