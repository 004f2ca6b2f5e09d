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
    private const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public HostProcess Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The demo host pages' origin, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Pages { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        Pages = new Uri($"http://127.0.0.1:{port}/");
        Host = new HostProcess(new Dictionary<string, string>
        {
            ["Widgets__DemoPages"] = Pages.ToString().TrimEnd('/'),
            ["Widgets__AllowedOrigins__0"] = Pages.GetLeftPart(UriPartial.Authority),
        });
        await Host.StartAsync();
        await WaitForDemoPagesAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

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
    }

    /// <summary>A fresh browser context (no cache, no storage) with a page that records the console.</summary>
    public async Task<(IBrowserContext Context, IPage Page, List<string> Console)> OpenAsync(string page)
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
        await tab.GotoAsync(new Uri(Pages, page).ToString());
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
