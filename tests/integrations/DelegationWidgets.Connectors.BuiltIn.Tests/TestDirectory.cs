using System.Globalization;
using System.Text;
using DelegationWidgets.Connectors.BuiltIn.Seeding;
using DelegationWidgets.Connectors.BuiltIn.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace DelegationWidgets.Connectors.BuiltIn.Tests;

/// <summary>A built-in directory in a real SQLite file in its own temp folder, initialised as the host would.</summary>
public sealed class TestDirectory : IAsyncDisposable
{
    /// <summary>"Today" for the tests: two weeks after the seed date.</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;

    private TestDirectory(string folder, ServiceProvider provider)
    {
        Folder = folder;
        _provider = provider;
    }

    public string Folder { get; }

    public FakeTimeProvider Time => (FakeTimeProvider)_provider.GetRequiredService<TimeProvider>();

    public IDirectoryConnector Connector => _provider.GetRequiredService<IDirectoryConnector>();

    public IServiceProvider Services => _provider;

    internal IDbContextFactory<DirectoryDbContext> Contexts => _provider.GetRequiredService<IDbContextFactory<DirectoryDbContext>>();

    public static async Task<TestDirectory> CreateAsync(int userCount = 300)
    {
        var folder = Path.Combine(Path.GetTempPath(), "dw-builtin-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        services.AddBuiltInDirectory(options =>
        {
            options.ConnectionString = $"Data Source={Path.Combine(folder, "delegation.db")}";
            options.UserCount = userCount;
        });
        var provider = services.BuildServiceProvider();
        foreach (var hostedService in provider.GetServices<IHostedService>())
        {
            await hostedService.StartAsync(CancellationToken.None);
        }

        return new TestDirectory(folder, provider);
    }

    /// <summary>Every row of every directory table, in a stable order: compare two dumps to see whether anything changed.</summary>
    internal async Task<string> DumpAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var text = new StringBuilder();
        foreach (var e in await db.Entries.AsNoTracking().OrderBy(e => e.Id).ToListAsync())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{e.Id}|{e.Kind}|{e.DisplayName}|{e.OrganizationalUnit}|{e.Department}|{e.ManagerId}|{e.OwnerId}|{e.Mail}|{e.Phone}|{e.Enabled}|{e.Locked}|{e.AccountExpires}|{e.PasswordHash}|{e.MustChangePassword}");
        }

        foreach (var m in await db.GroupMembers.AsNoTracking().OrderBy(m => m.GroupId).ThenBy(m => m.UserId).ToListAsync())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"member {m.GroupId}|{m.UserId}");
        }

        foreach (var p in await db.MailboxPermissions.AsNoTracking().OrderBy(p => p.MailboxId).ThenBy(p => p.UserId).ThenBy(p => p.Right).ToListAsync())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"permission {p.MailboxId}|{p.UserId}|{p.Right}");
        }

        foreach (var d in await db.DeletedEntries.AsNoTracking().OrderBy(d => d.Id).ToListAsync())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"deleted {d.Id}|{d.Kind}");
        }

        return text.ToString();
    }

    internal async Task<DirectoryEntry?> EntryAsync(string id)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.Entries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id);
    }

    /// <summary>All objects of a kind, read page by page through the connector.</summary>
    public async Task<List<DirectoryObject>> AllAsync(DirectoryObjectKind kind, TargetScope scope, string? search = null, int pageSize = 200)
    {
        var all = new List<DirectoryObject>();
        string? cursor = null;
        do
        {
            var page = await Connector.SearchAsync(new LookupQuery(kind, search, scope, cursor, pageSize), CancellationToken.None);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return all;
    }

    internal static DirectorySeed Seed { get; } = DirectorySeed.Create(300);

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere; the temp folder is cleaned up later.
        }
    }
}

/// <summary>One seeded directory shared, read-only, by the tests of a class.</summary>
public sealed class SharedDirectory : IAsyncLifetime
{
    public TestDirectory Directory { get; private set; } = null!;

    public async Task InitializeAsync() => Directory = await TestDirectory.CreateAsync();

    public async Task DisposeAsync() => await Directory.DisposeAsync();
}
