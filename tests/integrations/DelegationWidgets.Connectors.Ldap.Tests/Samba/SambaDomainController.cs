using System.DirectoryServices.Protocols;
using DelegationWidgets.Connectors.Ldap.Connection;
using DelegationWidgets.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DelegationWidgets.Connectors.Ldap.Tests.Samba;

/// <summary>
/// A throw-away Samba Active Directory domain controller on a random loopback address (tests/samba/start-dc.sh), seeded
/// with <see cref="SeedDirectory"/>, shared by every test of the <see cref="SambaFixtureGroup"/> and removed afterwards.
/// When Samba cannot be provisioned the fixture fails, and with it every test of the collection, with the reason.
/// </summary>
public sealed class SambaDomainController : IAsyncLifetime
{
    public const string BaseDn = "DC=demo,DC=example";
    public const string AdminPassword = "Adm1n!Passw0rd-Samba";
    public const string ServicePassword = "Svc!Delegation-2026";
    public const string ReadOnlyPassword = "R3ad!Only-Account-1";

    private readonly List<ServiceProvider> _providers = [];

    public string Address { get; private set; } = "";

    public string WorkFolder { get; private set; } = "";

    /// <summary>The throw-away CA that signed the DC's certificate (what <c>Ldap:TrustedCertificate</c> names).</summary>
    public string CaCertificate => Path.Combine(WorkFolder, "tls", "ca.pem");

    /// <summary>The DC's own certificate.</summary>
    public string ServerCertificate => Path.Combine(WorkFolder, "tls", "cert.pem");

    /// <summary>The connector as the host would run it: bound as the delegated service account (an Account Operator).</summary>
    internal LdapDirectoryConnector Connector { get; private set; } = null!;

    /// <summary>The same connector with <c>Ldap:LookupReplica=false</c>: every lookup is a search on the DC.</summary>
    internal LdapDirectoryConnector LiveConnector { get; private set; } = null!;

    /// <summary>Bound as the domain administrator: seeding and reading back what the connector changed.</summary>
    internal LdapGateway Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Address = SambaScripts.FreeLoopbackAddress();
        WorkFolder = SambaScripts.NewWorkFolder();
        await SambaScripts.StartAsync(WorkFolder, Address, AdminPassword);

        Admin = CreateGateway($"CN=Administrator,CN=Users,{BaseDn}", AdminPassword);
        await SeedDirectory.SeedAsync(Admin, CancellationToken.None);
        Connector = CreateConnector();
        LiveConnector = CreateConnector(o => o.LookupReplica = false);
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        if (WorkFolder.Length > 0)
        {
            await SambaScripts.RunAsync("stop-dc.sh", WorkFolder);
        }
    }

    /// <summary>A connector registered as the host registers it, with the test DC's settings and any overrides.</summary>
    internal LdapDirectoryConnector CreateConnector(Action<LdapConnectorOptions>? configure = null, TimeProvider? timeProvider = null)
    {
        var services = new ServiceCollection();
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddLdapConnector(options =>
        {
            Configure(options);
            configure?.Invoke(options);
        });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<LdapDirectoryConnector>();
    }

    internal LdapGateway CreateGateway(string bindDn, string password)
    {
        var services = new ServiceCollection();
        services.AddLdapConnector(o =>
        {
            Configure(o);
            o.BindDn = bindDn;
            o.BindPassword = password;
        });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<LdapGateway>();
    }

    public void Configure(LdapConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Server = Address;
        options.BindDn = $"CN=Delegation Service,CN=Users,{BaseDn}";
        options.BindPassword = ServicePassword;
        options.BaseDn = BaseDn;
        options.TrustedCertificate = CaCertificate;
        options.AccountOrganizationalUnits.Add($"OU=External,{BaseDn}");
        options.AccountOrganizationalUnits.Add($"OU=Sales,{BaseDn}");
        options.OperationTimeout = TimeSpan.FromSeconds(10);
    }

    /// <summary>One object read back from the DC as the administrator (all the attributes asked for), or null.</summary>
    internal async Task<SearchResultEntry?> ReadAsync(string filter, params string[] attributes)
    {
        var response = await Admin.SendAsync<SearchResponse>(new SearchRequest(BaseDn, filter, SearchScope.Subtree, attributes), CancellationToken.None);
        return response.Entries.Count == 1 ? response.Entries[0] : null;
    }

    internal async Task<string?> ReadValueAsync(string accountName, string attribute)
    {
        var entry = await ReadAsync($"(sAMAccountName={accountName})", attribute);
        return entry?.Attributes.Contains(attribute) == true ? (string)entry.Attributes[attribute][0] : null;
    }

    internal async Task<string> DnOfAsync(string accountName) =>
        (await ReadAsync($"(sAMAccountName={accountName})", "cn"))?.DistinguishedName
        ?? throw new InvalidOperationException($"No object {accountName}.");

    /// <summary>The DC's answer to a simple bind as the account with the password.</summary>
    internal async Task<BindOutcome> BindAsync(string accountName, string password) =>
        await Admin.TryBindAsync(await DnOfAsync(accountName), password, CancellationToken.None);

    /// <summary>Modifies as the administrator (test set-up only).</summary>
    internal Task AdminModifyAsync(string dn, string attribute, DirectoryAttributeOperation operation, params string[] values)
    {
        var modification = new DirectoryAttributeModification { Name = attribute, Operation = operation };
        foreach (var value in values)
        {
            modification.Add(value);
        }

        return Admin.SendAsync<ModifyResponse>(new ModifyRequest(dn, modification), CancellationToken.None);
    }
}

[CollectionDefinition(Name)]
public sealed class SambaFixtureGroup : ICollectionFixture<SambaDomainController>
{
    public const string Name = "Samba domain controller";
}
