using DelegationWidgets.Host.Ldap.Tests.Samba;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.ScaleOut.Tests;

/// <summary>
/// The shape of a deployment on more than one machine: one real AD domain (Samba), one PostgreSQL server, and host
/// instances that share both. <see cref="StartInstancesAsync"/> starts a set of instances on a new database; they share
/// the development signing key (as instances share their identity provider) and claim changes with a short lease (10 s;
/// renewed every third of it), so recovery after a crash is quick to watch.
/// </summary>
public sealed class ScaleOutFixture : IAsyncLifetime
{
    public SambaDomain Domain { get; private set; } = null!;

    public PostgresServer Postgres { get; private set; } = null!;

    public DomainDirectory Directory => Domain.Directory;

    public async Task InitializeAsync()
    {
        Domain = await SambaDomain.StartAsync();
        PersonaDomain.Seed(Domain.Directory);
        Postgres = await PostgresServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }

        if (Domain is not null)
        {
            await Domain.DisposeAsync();
        }
    }

    /// <summary>Starts instances (one after the other, so the first creates the tables and the signing key) on a new database.</summary>
    public async Task<Instances> StartInstancesAsync(params string?[] ldapServers)
    {
        var database = await Postgres.CreateDatabaseAsync();
        var keyFolder = System.IO.Directory.CreateTempSubdirectory("dw-keys-").FullName;
        var hosts = new List<HostProcess>();
        for (var i = 0; i < ldapServers.Length; i++)
        {
            var environment = Domain.HostEnvironment(ldapServers[i]);
            foreach (var (key, value) in PostgresFixture.HostOn(database))
            {
                environment[key] = value;
            }

            environment["DevelopmentIssuer__KeyFile"] = Path.Combine(keyFolder, "dev-signing-key.json");
            environment["Changes__InstanceName"] = $"instance-{(char)('a' + i)}";
            environment["Changes__LeaseDuration"] = "00:00:10";
            environment["Changes__RecoveryInterval"] = "00:00:01";
            var host = new HostProcess(environment);
            hosts.Add(host);
            await host.StartAsync();
        }

        return new Instances(database, hosts, keyFolder);
    }

    public sealed class Instances(string database, List<HostProcess> hosts, string keyFolder) : IAsyncDisposable
    {
        public string Database { get; } = database;

        public IReadOnlyList<HostProcess> Hosts { get; } = hosts;

        public async ValueTask DisposeAsync()
        {
            foreach (var host in Hosts)
            {
                await host.DisposeAsync();
            }

            System.IO.Directory.Delete(keyFolder, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ScaleOutGroup : ICollectionFixture<ScaleOutFixture>
{
    public const string Name = "instances sharing PostgreSQL and a Samba domain";
}
