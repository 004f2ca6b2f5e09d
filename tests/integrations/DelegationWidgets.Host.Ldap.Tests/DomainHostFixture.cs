using DelegationWidgets.Host.Ldap.Tests.Samba;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Ldap.Tests;

/// <summary>
/// One throw-away Samba DC seeded with <see cref="PersonaDomain"/>, and the real host bound to it
/// (<c>Directory__Connector=Ldap</c>), shared by the collection. When Samba cannot be provisioned or the host does not
/// start, every test of the collection fails with the reason.
/// </summary>
public sealed class DomainHostFixture : IAsyncLifetime
{
    private readonly Dictionary<string, HttpClient> _clients = [];

    public SambaDomain Domain { get; private set; } = null!;

    public HostProcess Host { get; private set; } = null!;

    /// <summary>The domain as its administrator: the tests' own reads.</summary>
    public DomainDirectory Directory => Domain.Directory;

    public async Task InitializeAsync()
    {
        Domain = await SambaDomain.StartAsync();
        PersonaDomain.Seed(Domain.Directory);
        Host = new HostProcess(Domain.HostEnvironment());
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (Domain is not null)
        {
            await Domain.DisposeAsync();
        }
    }

    /// <summary>A client with a development token for the persona (cached per persona).</summary>
    public async Task<HttpClient> As(string persona)
    {
        if (!_clients.TryGetValue(persona, out var client))
        {
            client = await Host.ClientAsync(persona);
            _clients[persona] = client;
        }

        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class DomainHostGroup : ICollectionFixture<DomainHostFixture>
{
    public const string Name = "host on a Samba domain";
}
