using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DelegationWidgets.Widgets.Browser.Tests;

/// <summary>
/// Host pages written by a test, served from their own origin (a loopback port of this process) with the
/// Content-Security-Policy the test gives: the "page on another origin" of the embedding tests and the benchmark.
/// </summary>
public sealed class PageServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (string Body, string ContentType, string? Csp)> _pages = new(StringComparer.Ordinal);
    private readonly WebApplication _app;

    private PageServer(int port)
    {
        Origin = new Uri($"http://127.0.0.1:{port}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Origin.ToString());
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(async context =>
        {
            if (!_pages.TryGetValue(context.Request.Path.Value ?? "/", out var page))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            if (page.Csp is not null)
            {
                context.Response.Headers.ContentSecurityPolicy = page.Csp;
            }

            context.Response.Headers.CacheControl = "no-store";
            context.Response.ContentType = page.ContentType;
            await context.Response.WriteAsync(page.Body);
        });
    }

    /// <summary>The pages' origin, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri Origin { get; }

    public string OriginText => Origin.GetLeftPart(UriPartial.Authority);

    /// <summary>A server on a free loopback port, not started yet (its origin is known, so the API can allow it first).</summary>
    public static PageServer Create()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new PageServer(((IPEndPoint)listener.LocalEndpoint).Port);
    }

    public Task StartAsync() => _app.StartAsync();

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/> (content type from the extension), with that CSP.</summary>
    public Uri Add(string path, string body, string? csp = null)
    {
        var type = Path.GetExtension(path) switch
        {
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => "text/html; charset=utf-8",
        };
        _pages[path] = (body, type, csp);
        return new Uri(Origin, path);
    }

    /// <summary>The strict policy of an embedding page: scripts and styles only from itself and the API, WebAssembly allowed.</summary>
    public static string StrictCsp(Uri api, bool allowWebAssembly = true)
    {
        ArgumentNullException.ThrowIfNull(api);
        var origin = api.GetLeftPart(UriPartial.Authority);
        return $"default-src 'none'; script-src 'self' {origin}{(allowWebAssembly ? " 'wasm-unsafe-eval'" : "")}; style-src 'self' {origin}; connect-src {origin}; base-uri 'none'; form-action 'none'";
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
