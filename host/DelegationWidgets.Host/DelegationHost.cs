using DelegationWidgets.Host.Audit;
using DelegationWidgets.Host.Catalog;
using DelegationWidgets.Host.Changes;
using DelegationWidgets.Host.Forms;
using DelegationWidgets.Host.Health;
using DelegationWidgets.Host.Hosts;
using DelegationWidgets.Host.Identity;
using DelegationWidgets.Host.Limits;
using DelegationWidgets.Host.Lookups;
using DelegationWidgets.Host.Policy;
using DelegationWidgets.Host.Problems;
using DelegationWidgets.Host.Storage;
using DelegationWidgets.Host.Tickets;
using DelegationWidgets.Host.Widgets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace DelegationWidgets.Host;

/// <summary>Registers and maps the whole delegation API: <c>builder.AddDelegationHost(); … app.MapDelegationApi();</c></summary>
public static partial class DelegationHost
{
    /// <summary>The largest request body the API reads.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Where the built-in directory keeps its tables when the host's database is PostgreSQL.</summary>
    private const string BuiltInOnPostgresConnectionString = "Data Source=data/directory.db";

    public static WebApplicationBuilder AddDelegationHost(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var (storage, connectionString, writeGate) = builder.AddDelegationStorage();

        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        services.AddSingleton<DevClock>();
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<DevClock>());
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var (errorId, detail) = problem.Status switch
            {
                StatusCodes.Status401Unauthorized => (ErrorIds.Unauthenticated, "Send an access token in the Authorization header: 'Bearer <token>'."),
                StatusCodes.Status404NotFound => (ErrorIds.NoSuchEndpoint, $"There is no endpoint at '{context.HttpContext.Request.Path}'. The API is described at /openapi/v1.json."),
                StatusCodes.Status405MethodNotAllowed => (ErrorIds.MethodNotAllowed, $"'{context.HttpContext.Request.Method}' is not allowed on '{context.HttpContext.Request.Path}'. The API is described at /openapi/v1.json."),
                >= 500 => (ErrorIds.Unexpected, $"The request could not be completed. Quote trace id {context.HttpContext.TraceIdentifier} when you report it."),
                _ => (ErrorIds.MalformedRequest, "The request could not be read."),
            };
            problem.Extensions.TryAdd("errorId", errorId);
            problem.Detail ??= detail;
            problem.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
        });
        services.AddExceptionHandler<RequestExceptionHandler>();
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(OpenApiSetup.Configure);

        builder.AddDelegationAuthentication();
        builder.AddDelegationRateLimits();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        // Pages on the configured origins may embed the widgets: CORS on the bundle and the API, for them only.
        var widgets = builder.Configuration.GetSection(WidgetsOptions.Section).Get<WidgetsOptions>() ?? new WidgetsOptions();
        services.AddOptions<WidgetsOptions>().BindConfiguration(WidgetsOptions.Section);
        services.AddCors(o => o.AddDefaultPolicy(policy => policy
            .WithOrigins([.. widgets.AllowedOrigins])
            .WithMethods("GET", "POST")
            .WithHeaders("Authorization", "Content-Type", "Idempotency-Key", "Accept-Language")
            .WithExposedHeaders("Location", "Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        services.AddHostedService<DemoPages>();

        var changes = builder.Configuration.GetSection(ChangesOptions.Section).Get<ChangesOptions>() ?? new ChangesOptions();
        if (changes.Problems().ToList() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(changes));
        services.AddOptions<TopdeskLaunchOptions>().BindConfiguration(TopdeskLaunchOptions.Section);
        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.Section);
        services.AddSingleton<CatalogStore>();
        services.AddSingleton<RequestWorkflow>();
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section);
        if (!string.IsNullOrWhiteSpace(builder.Configuration[$"{NotificationOptions.Section}:SmtpHost"]))
        {
            services.AddSingleton<INotifier, SmtpNotifier>();
        }

        services.AddSingleton<RequestNotifications>();
        services.AddHostedService<MailOutbox>();
        services.AddHostedService<CatalogSweep>();
        services.AddOptions<FormsOptions>().BindConfiguration(FormsOptions.Section);
        services.AddOptions<PolicyOptions>().BindConfiguration(PolicyOptions.Section);
        services.AddSingleton<FormCatalog>();
        services.AddSingleton<PolicyStore>();
        services.AddSingleton<ScopeResolver>();
        services.AddSingleton<ScopeCheck>();
        services.AddSingleton<ConnectorRegistry>();
        services.AddSingleton<LookupService>();
        services.AddSingleton(sp => new AuditChain(sp.GetRequiredService<IDbContextFactory<DelegationDbContext>>(), sp.GetRequiredService<TimeProvider>(),
            writeGate, sp.GetRequiredService<ILogger<AuditChain>>()));
        services.AddSingleton<ChangeRunner>();
        services.AddSingleton<SubmissionPipeline>();

        // The logical target "directory" is the built-in directory (it migrates and seeds itself in a hosted service) or an
        // LDAP/Active Directory connector. Change recovery is registered after it, so it starts after.
        switch (DirectoryTarget.Of(builder.Configuration))
        {
            case DirectoryConnectorKind.Ldap:
                services.AddLdapConnector(o => builder.Configuration.GetSection(DirectoryTarget.LdapSection).Bind(o));
                break;
            case DirectoryConnectorKind.Graph:
                services.AddGraphConnector(o => builder.Configuration.GetSection(DirectoryTarget.GraphSection).Bind(o));
                break;
            default:
                // The built-in directory is SQLite. On PostgreSQL it keeps a file of its own, per instance: it is the demo's
                // stand-in, so a deployment of several instances uses a real directory (Directory:Connector=Ldap).
                var directoryDatabase = storage == StorageProvider.Sqlite ? connectionString : BuiltInOnPostgresConnectionString;
                services.AddBuiltInDirectory(o =>
                {
                    o.ConnectionString = directoryDatabase;
                    builder.Configuration.GetSection(DirectoryTarget.BuiltInSection).Bind(o);
                    DelegationStorage.EnsureDataFolder(o.ConnectionString);
                });
                break;
        }

        // ITSM systems (both optional): tickets typed into forms are verified there, outcomes are written back.
        var tickets = builder.Configuration.GetSection(TicketSystems.Section);
        if (tickets.GetSection("ServiceNow").Exists())
        {
            services.AddServiceNowTickets(o => tickets.GetSection("ServiceNow").Bind(o));
        }

        if (tickets.GetSection("Topdesk").Exists())
        {
            services.AddTopdeskTickets(o => tickets.GetSection("Topdesk").Bind(o));
        }

        services.AddSingleton<TicketSystems>();
        services.AddSingleton<TicketCheck>();
        services.AddHostedService<TicketWriteBackService>();

        services.AddSingleton<ChangeRecovery>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeRecovery>());
        return builder;
    }

    /// <summary>Creates and migrates the database, seeds the built-in directory, and loads forms and policy (failing fast on any error).</summary>
    public static async Task InitializeDelegationHostAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var databases = app.Services.GetRequiredService<IDbContextFactory<DelegationDbContext>>();
        await DelegationStorage.MigrateAsync(databases, StorageOptions.ConnectionString(app.Configuration));

        var catalog = app.Services.GetRequiredService<FormCatalog>();
        await using (var db = await databases.CreateDbContextAsync())
        {
            foreach (var published in await db.FormVersions.AsNoTracking().OrderBy(f => f.FormId).ThenBy(f => f.Version).ToListAsync())
            {
                catalog.Add(LoadedForm.Load(published.Json, $"{published.FormId} v{published.Version} (published)"));
            }
        }

        _ = app.Services.GetRequiredService<PolicyStore>();
        await AdminCatalogApi.LoadPublishedAsync(databases, app.Services.GetRequiredService<CatalogStore>());
        var devIssuer = app.Services.GetService<DevelopmentIssuer>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DelegationWidgets.Host");
        if (StorageOptions.Provider(app.Configuration) == StorageProvider.PostgreSQL && DirectoryTarget.Of(app.Configuration) == DirectoryConnectorKind.BuiltIn)
        {
            LogBuiltInDirectoryPerInstance(logger);
        }

        if (devIssuer is not null)
        {
            LogDevTokensOn(logger, string.Join(", ", devIssuer.Personas.Select(p => p.Name)));
        }
        else
        {
            LogDevTokensOff(logger);
        }
    }

    public static WebApplication MapDelegationApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(SecurityHeaders);
        app.UseSwagger(o => o.RouteTemplate = "openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "DelegationWidgets API v1");
            o.RoutePrefix = "swagger";
        });
        app.UseCors();
        app.UseWidgetBundle();
        app.UseAuthentication();
        app.UseRateLimiter(); // after authentication: the limit is per caller
        app.UseAuthorization();

        app.MapHealthApi();
        app.MapDevTokenApi();
        app.MapFormsApi();
        app.MapAdminFormsApi();
        app.MapLookupsApi();
        app.MapChangesApi();
        app.MapAdminChangesApi();
        app.MapAuditApi();
        app.MapTopdeskLaunchPage();
        app.MapCatalogApi();
        app.MapAdminCatalogApi();
        app.MapDevClockApi();
        return app;
    }

    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            headers.CacheControl = "no-store";
        }

        return next();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The host's database is PostgreSQL but the directory is the built-in demo directory, which keeps a SQLite file per instance (data/directory.db): instances do not share it. Use Directory:Connector=Ldap for more than one instance.")]
    private static partial void LogBuiltInDirectoryPerInstance(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Development tokens are ON: POST /dev/token issues tokens for the personas {Personas}. Never switch this on in production (DevelopmentIssuer:Enabled).")]
    private static partial void LogDevTokensOn(ILogger logger, string personas);

    [LoggerMessage(Level = LogLevel.Information, Message = "Development tokens are OFF (DevelopmentIssuer:Enabled is false).")]
    private static partial void LogDevTokensOff(ILogger logger);
}
