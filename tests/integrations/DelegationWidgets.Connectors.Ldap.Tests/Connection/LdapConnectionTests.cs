using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DelegationWidgets.Connectors.Ldap.Connection;
using DelegationWidgets.Connectors.Ldap.Tests.Samba;

namespace DelegationWidgets.Connectors.Ldap.Tests.Connection;

[Collection(SambaFixtureGroup.Name)]
public sealed class LdapConnectionTests(SambaDomainController dc)
{
    private static Task<DirectoryObject?> FindEmmaAsync(LdapDirectoryConnector connector) =>
        connector.FindAsync(DirectoryObjectKind.User, "emma.employee", CancellationToken.None);

    [Fact]
    public async Task PagedSearch_ManyAtOnceOnFewConnections_EachReadsEveryPageOnItsOwnConnection()
    {
        // The server keeps a paged search's state per connection: pages asked for on another pooled connection are refused.
        var connector = dc.CreateConnector(o => o.MaxConnections = 2);
        string[] attributes = ["sAMAccountName"];
        var expected = (await connector.SearchAllAsync(SambaDomainController.BaseDn, "(objectClass=user)", System.DirectoryServices.Protocols.SearchScope.Subtree,
            attributes, 1000, CancellationToken.None)).Select(e => e.Dn).Order(StringComparer.Ordinal).ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => connector.SearchAllAsync(SambaDomainController.BaseDn, "(objectClass=user)",
            System.DirectoryServices.Protocols.SearchScope.Subtree, attributes, 5, CancellationToken.None)));

        Assert.True(expected.Count > 20, $"only {expected.Count} users: too few for several pages of 5");
        Assert.All(results, r => Assert.Equal(expected, r.Select(e => e.Dn).Order(StringComparer.Ordinal).ToList()));
    }

    [Fact]
    public async Task StartTls_OnPort389_ReadsAndSetsAPassword()
    {
        var connector = dc.CreateConnector(o => { o.UseStartTls = true; o.RetryCount = 0; });
        var password = connector.GeneratePassword();
        await SeedDirectory.UserAsync(dc.Admin, "tls.user", "Tls User", SeedDirectory.Ou("HR"), "HR", null, SeedDirectory.Password, CancellationToken.None);

        Assert.NotNull(await FindEmmaAsync(connector));
        // The DC accepts unicodePwd only on an encrypted connection: the change proves TLS is on.
        var reset = await connector.ExecuteAsync(new ResetPassword("tls.user", password, MustChangeAtNextLogon: false), ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionOutcome.Changed, reset.Outcome);
        Assert.Equal(BindOutcome.Success, await dc.BindAsync("tls.user", password));
    }

    [Fact]
    public async Task StartTls_WithoutTrustedCertificate_RefusesTheSelfSignedServer()
    {
        var connector = dc.CreateConnector(o => { o.UseStartTls = true; o.TrustedCertificate = ""; o.RetryCount = 0; });

        var result = await connector.ExecuteAsync(new UnlockAccount("emma.employee"), ActionMode.Preview, CancellationToken.None);

        Assert.Equal(ActionErrorCode.Unavailable, result.Error?.Code);
    }

    [Fact]
    public async Task Connect_WithoutTrustedCertificate_RefusesTheSelfSignedServer()
    {
        var connector = dc.CreateConnector(o => { o.TrustedCertificate = ""; o.RetryCount = 0; });

        var result = await connector.ExecuteAsync(new UnlockAccount("emma.employee"), ActionMode.Preview, CancellationToken.None);

        Assert.Equal(ActionErrorCode.Unavailable, result.Error?.Code);
    }

    [Fact]
    public async Task Connect_PinnedSha256ThumbprintOfServerCertificate_Works()
    {
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(dc.ServerCertificate);
        var connector = dc.CreateConnector(o => o.TrustedCertificate = certificate.GetCertHashString(HashAlgorithmName.SHA256));

        Assert.NotNull(await FindEmmaAsync(connector));
    }

    [Fact]
    public async Task Connect_WrongThumbprint_IsUnavailable()
    {
        var connector = dc.CreateConnector(o => { o.TrustedCertificate = new string('A', 64); o.RetryCount = 0; });

        await Assert.ThrowsAsync<LdapUnavailableException>(() => FindEmmaAsync(connector));
    }

    [Fact]
    public async Task Connect_WrongBindPassword_UnavailableNamingTheSettings()
    {
        var connector = dc.CreateConnector(o => o.BindPassword = "Not-The-Password-1!");

        var result = await connector.ExecuteAsync(new UnlockAccount("emma.employee"), ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionErrorCode.Unavailable, result.Error?.Code);
        Assert.Contains("Ldap:BindPassword", result.Error?.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Not-The-Password-1!", result.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_UnreachableDc_FailsAsUnavailableThenOpensTheCircuit()
    {
        var connector = dc.CreateConnector(o =>
        {
            o.Server = "127.0.0.1";
            o.Port = 1;
            o.RetryCount = 1;
            o.OperationTimeout = TimeSpan.FromSeconds(2);
        });

        var results = new List<ActionResult>();
        for (var i = 0; i < 4; i++)
        {
            results.Add(await connector.ExecuteAsync(new AddGroupMember("emma.employee", "sales-leads"), ActionMode.Apply, CancellationToken.None));
        }

        Assert.All(results, r => Assert.Equal(ActionErrorCode.Unavailable, r.Error?.Code));
        Assert.Contains("can be retried", results[0].Error?.Message, StringComparison.Ordinal);
        Assert.Contains("too many recent failures", results[^1].Error?.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<LdapUnavailableException>(() => connector.SearchAsync(new LookupQuery(DirectoryObjectKind.User, null, TargetScope.Everything), CancellationToken.None));
    }
}
