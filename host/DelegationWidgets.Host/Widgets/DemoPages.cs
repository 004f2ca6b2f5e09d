using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Host.Widgets;

/// <summary>
/// The demo host pages (a ServiceNow-like incident, a TOPdesk-like incident card, a SharePoint-like intranet page) on
/// their own address (<see cref="WidgetsOptions.DemoPages"/>), so the widgets are embedded from another origin, as in
/// production. Each page has a strict Content-Security-Policy that allows scripts only from itself and the API, and a
/// persona picker that signs in through the API's <c>POST /dev/token</c>. Started once the API listens (it needs the
/// API's address); off unless configured.
/// </summary>
internal sealed partial class DemoPages(IOptions<WidgetsOptions> options, IServer server, IHostApplicationLifetime lifetime, ILogger<DemoPages> logger)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? _site;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.DemoPages))
        {
            lifetime.ApplicationStarted.Register(() => _ = StartSiteAsync());
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_site is not null)
        {
            await _site.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }

    private async Task StartSiteAsync()
    {
        try
        {
            var api = ApiAddress();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(options.Value.DemoPages);
            builder.Logging.ClearProviders();
            var site = builder.Build();
            var pages = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "Widgets", "Demo"));
            var apiOrigin = new Uri(api).GetLeftPart(UriPartial.Authority);
            site.Run(async context =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy =
                    $"default-src 'none'; script-src 'self' {apiOrigin} 'wasm-unsafe-eval'; style-src 'self' {apiOrigin}; connect-src {apiOrigin}; " +
                    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
                headers.XContentTypeOptions = "nosniff";
                headers.CacheControl = "no-cache";
                var path = context.Request.Path.Value is null or "/" ? "/index.html" : context.Request.Path.Value;
                var file = pages.GetFileInfo(path);
                if (!file.Exists || file.IsDirectory)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                context.Response.ContentType = Path.GetExtension(path) switch
                {
                    ".html" => "text/html; charset=utf-8",
                    ".js" => "text/javascript; charset=utf-8",
                    ".css" => "text/css; charset=utf-8",
                    _ => "application/octet-stream",
                };
                if (path.EndsWith(".html", StringComparison.Ordinal))
                {
                    // The one value a page needs from the server: the API's address, for the loader's script tag.
                    var html = await File.ReadAllTextAsync(file.PhysicalPath!, context.RequestAborted);
                    await context.Response.WriteAsync(html.Replace("{{api}}", api, StringComparison.Ordinal), context.RequestAborted);
                }
                else
                {
                    await context.Response.SendFileAsync(file, context.RequestAborted);
                }
            });
            await site.StartAsync();
            _site = site;
            LogDemoPages(logger, string.Join(", ", site.Urls.Select(u => u.TrimEnd('/') + "/")), api);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UriFormatException)
        {
            LogDemoPagesFailed(logger, options.Value.DemoPages, e);
        }
    }

    /// <summary>The API's own address (the first it listens on), with a trailing slash.</summary>
    private string ApiAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The API listens on no address.");
        return address.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).TrimEnd('/') + "/";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo host pages (another origin than the API) at {Urls}: servicenow.html, topdesk.html, sharepoint.html, embedding the widgets from {Api}. Only for demonstrations (Widgets:DemoPages).")]
    private static partial void LogDemoPages(ILogger logger, string urls, string api);

    [LoggerMessage(Level = LogLevel.Error, Message = "The demo host pages could not start at {Url}.")]
    private static partial void LogDemoPagesFailed(ILogger logger, string url, Exception exception);
}
