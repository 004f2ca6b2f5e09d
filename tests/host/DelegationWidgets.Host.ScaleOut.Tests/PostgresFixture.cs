using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.ScaleOut.Tests;

/// <summary>One throw-away PostgreSQL server for the collection; each test creates databases of its own on it.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    /// <summary>The settings that put a host's tables into the database.</summary>
    public static Dictionary<string, string> HostOn(string connectionString) => new(StringComparer.Ordinal)
    {
        ["Storage__Provider"] = "PostgreSQL",
        ["ConnectionStrings__Delegation"] = connectionString,
    };
}

[CollectionDefinition(Name)]
public sealed class PostgresGroup : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL server";
}
