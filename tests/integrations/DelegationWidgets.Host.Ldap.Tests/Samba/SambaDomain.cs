using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Ldap.Tests.Samba;

/// <summary>
/// A throw-away Samba Active Directory domain controller (domain DEMO.EXAMPLE, base DN <c>DC=demo,DC=example</c>) on a random
/// loopback address, provisioned by tests/samba/start-dc.sh and removed by tests/samba/stop-dc.sh. It can be paused (the
/// process stops, the domain stays) and resumed on the same address. <see cref="Directory"/> reads and writes it as the
/// domain administrator, independently of the connector under test.
/// </summary>
public sealed class SambaDomain : IAsyncDisposable
{
    public const string BaseDn = "DC=demo,DC=example";
    public const string AdminPassword = "Adm1n!Passw0rd-Samba";
    public const string ServiceAccountDn = "CN=Delegation Service,CN=Users," + BaseDn;
    public const string ServicePassword = "Svc!Delegation-2026";

    private SambaDomain(string address, string workFolder)
    {
        Address = address;
        WorkFolder = workFolder;
    }

    /// <summary>The loopback address the DC listens on (LDAPS on 636).</summary>
    public string Address { get; }

    public string WorkFolder { get; }

    /// <summary>The throw-away CA that signed the DC's certificate: what <c>Ldap__TrustedCertificate</c> names.</summary>
    public string CaCertificate => Path.Combine(WorkFolder, "tls", "ca.pem");

    /// <summary>The CA's private key (to sign a certificate for a test proxy in front of the DC).</summary>
    public string CaKey => Path.Combine(WorkFolder, "tls", "ca-key.pem");

    /// <summary>The directory as the domain administrator.</summary>
    public DomainDirectory Directory { get; private set; } = null!;

    /// <summary>Provisions and starts a DC. Fails with the script's output when Samba is missing or does not start.</summary>
    public static async Task<SambaDomain> StartAsync()
    {
        var domain = new SambaDomain(SambaScripts.FreeLoopbackAddress(), SambaScripts.NewWorkFolder());
        try
        {
            await SambaScripts.StartAsync(domain.WorkFolder, domain.Address, AdminPassword);
        }
        catch (InvalidOperationException)
        {
            await domain.DisposeAsync();
            throw;
        }

        domain.Directory = new DomainDirectory(domain.Address, domain.CaCertificate, $"CN=Administrator,CN=Users,{BaseDn}", AdminPassword);
        return domain;
    }

    /// <summary>The environment that binds the host's <c>directory</c> target to this DC (or to <paramref name="server"/> in front of it).</summary>
    public Dictionary<string, string> HostEnvironment(string? server = null) => new(StringComparer.Ordinal)
    {
        ["Directory__Connector"] = "Ldap",
        ["Ldap__Server"] = server ?? Address,
        ["Ldap__BindDn"] = ServiceAccountDn,
        ["Ldap__BindPassword"] = ServicePassword,
        ["Ldap__BaseDn"] = BaseDn,
        ["Ldap__TrustedCertificate"] = CaCertificate,
        ["Ldap__AccountOrganizationalUnits__0"] = $"OU=External,{BaseDn}",
        ["Ldap__AccountOrganizationalUnits__1"] = $"OU=Sales,{BaseDn}",
        ["Ldap__OperationTimeout"] = "00:00:10",
    };

    /// <summary>Stops the DC process; the domain stays on disk (tests/samba/pause-dc.sh).</summary>
    public async Task PauseAsync()
    {
        var (exitCode, output) = await SambaScripts.RunAsync("pause-dc.sh", WorkFolder);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"tests/samba/pause-dc.sh failed (exit {exitCode}):\n{output}");
        }
    }

    /// <summary>Starts the paused DC again on the same address and waits until LDAPS answers (tests/samba/resume-dc.sh).</summary>
    public async Task ResumeAsync()
    {
        var (exitCode, output) = await SambaScripts.RunAsync("resume-dc.sh", WorkFolder, Address);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"tests/samba/resume-dc.sh failed (exit {exitCode}):\n{output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Directory?.Dispose();
        await SambaScripts.RunAsync("stop-dc.sh", WorkFolder);
    }

    /// <summary>Another free loopback address (for something that stands in front of the DC on port 636).</summary>
    public static string AnotherLoopbackAddress() => SambaScripts.FreeLoopbackAddress();
}
