using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Tests;

/// <summary>One real host for the collection, on a random port with its own database.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    public HostProcess Host { get; } = new();

    private readonly Dictionary<string, HttpClient> _clients = [];

    public Task InitializeAsync() => Host.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await Host.DisposeAsync();
    }

    /// <summary>A client with a token for the persona (cached), or without a token.</summary>
    public async Task<HttpClient> As(string? persona)
    {
        var key = persona ?? "";
        if (!_clients.TryGetValue(key, out var client))
        {
            client = await Host.ClientAsync(persona);
            _clients[key] = client;
        }

        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class HostGroup : ICollectionFixture<HostFixture>
{
    public const string Name = "host";
}
