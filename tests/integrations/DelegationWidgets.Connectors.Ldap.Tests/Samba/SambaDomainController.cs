using System.Diagnostics;
using System.DirectoryServices.Protocols;
using System.Net;
using System.Net.Sockets;
using DelegationWidgets.Connectors.Ldap.Connection;
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

    /// <summary>Bound as the domain administrator: seeding and reading back what the connector changed.</summary>
    internal LdapGateway Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var script = Path.Combine(RepositoryRoot(), "tests", "samba", "start-dc.sh");
        if (!File.Exists("/usr/sbin/samba") && !File.Exists("/usr/bin/samba"))
        {
            throw new InvalidOperationException(
                "Samba is not installed, so the Active Directory connector cannot be tested against a real domain controller. " +
                "Install the Debian packages samba, samba-ad-dc, openssl and libldap-2.5-0 (tests/run.sh does) and run the tests as root.");
        }

        Address = FreeLoopbackAddress();
        WorkFolder = Path.Combine(Path.GetTempPath(), "dw-samba-" + Guid.NewGuid().ToString("N")[..12]);
        var (exitCode, output) = await RunAsync(script, WorkFolder, Address, AdminPassword);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"tests/samba/start-dc.sh could not provision or start the Samba domain controller (exit {exitCode}):\n{output}");
        }

        Admin = CreateGateway($"CN=Administrator,CN=Users,{BaseDn}", AdminPassword);
        await SeedDirectory.SeedAsync(Admin, CancellationToken.None);
        Connector = CreateConnector();
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        if (WorkFolder.Length > 0)
        {
            await RunAsync(Path.Combine(RepositoryRoot(), "tests", "samba", "stop-dc.sh"), WorkFolder);
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

    private static string FreeLoopbackAddress()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var address = $"127.{Random.Shared.Next(100, 250)}.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                probe.Bind(new IPEndPoint(IPAddress.Parse(address), 636));
                return address;
            }
            catch (SocketException)
            {
                // Taken (or not bindable): try another.
            }
        }

        throw new InvalidOperationException("No free loopback address with port 636 available for the Samba domain controller.");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "tests", "samba", "start-dc.sh")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("tests/samba/start-dc.sh was not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class SambaFixtureGroup : ICollectionFixture<SambaDomainController>
{
    public const string Name = "Samba domain controller";
}
