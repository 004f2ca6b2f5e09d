using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DelegationWidgets.Host.Widgets;

/// <summary>
/// Serves the published widget bundle under <c>/widgets/</c> (<c>loader.js</c>, <c>dw-widgets.css</c>, <c>_framework/</c>):
/// anonymous, with CORS for <see cref="WidgetsOptions.AllowedOrigins"/> (the default CORS policy), the Brotli or gzip
/// file the publish step made when the browser accepts it, and revalidation (<c>no-cache</c> + ETag), since the file names are stable.
/// </summary>
internal static partial class WidgetBundle
{
    public const string Path = "/widgets";

    public static void UseWidgetBundle(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<WidgetsOptions>>().Value;
        var folder = options.EffectiveBundlePath;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DelegationWidgets.Host.Widgets");
        if (!File.Exists(System.IO.Path.Combine(folder, "loader.js")))
        {
            LogNoBundle(logger, folder);
            return;
        }

        var files = new PhysicalFileProvider(System.IO.Path.GetFullPath(folder));
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".wasm"] = "application/wasm";
        types.Mappings[".dat"] = "application/octet-stream";
        types.Mappings[".br"] = "application/octet-stream";
        types.Mappings[".gz"] = "application/octet-stream";
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), branch => branch.Use((context, next) => Precompressed(context, next, files, types)));
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = Path,
            ContentTypeProvider = types,
            OnPrepareResponse = file =>
            {
                file.Context.Response.Headers.CacheControl = "no-cache";
                file.Context.Response.Headers.Vary = "Origin, Accept-Encoding";
            },
        });
    }

    /// <summary>Points a request at <c>name.br</c> / <c>name.gz</c> when it exists and the browser accepts that encoding.</summary>
    private static Task Precompressed(HttpContext context, Func<Task> next, PhysicalFileProvider files, FileExtensionContentTypeProvider types)
    {
        var relative = context.Request.Path.Value![Path.Length..];
        var accepted = context.Request.GetTypedHeaders().AcceptEncoding.Where(e => e.Quality is not 0).Select(e => e.Value.Value).ToList();
        if (!types.TryGetContentType(relative, out var type) || relative.EndsWith(".br", StringComparison.Ordinal) || relative.EndsWith(".gz", StringComparison.Ordinal))
        {
            return next();
        }

        foreach (var (suffix, encoding) in new[] { (".br", "br"), (".gz", "gzip") })
        {
            if (accepted.Contains(encoding, StringComparer.OrdinalIgnoreCase) && files.GetFileInfo(relative + suffix).Exists)
            {
                context.Request.Path += suffix;
                context.Response.OnStarting(() =>
                {
                    context.Response.ContentType = type;
                    context.Response.Headers.ContentEncoding = encoding;
                    return Task.CompletedTask;
                });
                break;
            }
        }

        return next();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No widget bundle at {Folder}: /widgets/loader.js is not served. Build the host (its build publishes the widgets) or set Widgets:BundlePath.")]
    private static partial void LogNoBundle(ILogger logger, string folder);
}
