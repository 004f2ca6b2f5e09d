using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Connectors.Ldap.Tests.Connection;

public sealed class LdapConnectorOptionsTests
{
    private static LdapConnectorOptions Valid() => new()
    {
        Server = "dc1.demo.example",
        BindDn = "CN=svc,CN=Users,DC=demo,DC=example",
        BindPassword = "secret-Passw0rd!",
        BaseDn = "DC=demo,DC=example",
    };

    private static ValidateOptionsResult Validate(LdapConnectorOptions options) => new LdapConnectorOptionsValidator().Validate(null, options);

    [Fact]
    public void Validate_MinimalSettings_Succeeds()
    {
        Assert.True(Validate(Valid()).Succeeded);
    }

    [Theory]
    [InlineData(nameof(LdapConnectorOptions.Server), "", "Ldap:Server")]
    [InlineData(nameof(LdapConnectorOptions.Server), "ldaps://dc1", "Ldap:Server")]
    [InlineData(nameof(LdapConnectorOptions.BindDn), "", "Ldap:BindDn")]
    [InlineData(nameof(LdapConnectorOptions.BindPassword), "", "Ldap:BindPassword")]
    [InlineData(nameof(LdapConnectorOptions.BaseDn), "demo.example", "Ldap:BaseDn")]
    [InlineData(nameof(LdapConnectorOptions.TrustedCertificate), "/no/such/file.pem", "Ldap:TrustedCertificate")]
    [InlineData(nameof(LdapConnectorOptions.Name), "", "Ldap:Name")]
    [InlineData(nameof(LdapConnectorOptions.ExternalOrganizationalUnit), "OU=External,DC=other,DC=example", "Ldap:ExternalOrganizationalUnit")]
    public void Validate_BadSetting_NamesTheSetting(string property, string value, string expected)
    {
        var options = Valid();
        typeof(LdapConnectorOptions).GetProperty(property)!.SetValue(options, value);

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 15, "Ldap:LookupRefreshInterval")]
    [InlineData(0, 0, "Ldap:LookupReloadInterval")]
    public void Validate_BadLookupIntervals_NameTheSetting(int refreshSeconds, int reloadMinutes, string expected)
    {
        var options = Valid();
        options.LookupRefreshInterval = TimeSpan.FromSeconds(refreshSeconds);
        options.LookupReloadInterval = TimeSpan.FromMinutes(reloadMinutes);

        Assert.Contains(expected, Validate(options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PortOutOfRange_NamesPort()
    {
        var options = Valid();
        options.Port = 70000;

        Assert.Contains("Ldap:Port", Validate(options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ThumbprintWithStartTls_IsRefused()
    {
        var options = Valid();
        options.UseStartTls = true;
        options.TrustedCertificate = new string('a', 64);

        Assert.Contains("Ldap:TrustedCertificate", Validate(options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Failure_NeverEchoesThePassword()
    {
        var options = Valid();
        options.Server = "";
        options.BindPassword = "Very-Secret-1!";

        Assert.DoesNotContain("Very-Secret-1!", Validate(options).FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("Very-Secret-1!", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AddLdapConnector_InvalidOptions_ThrowsOnFirstUse()
    {
        using var provider = new ServiceCollection().AddLdapConnector(o => o.Server = "").BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LdapConnectorOptions>>().Value);

        Assert.Contains("Ldap:BindDn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLdapConnector_Registration_ExposesTheConnectorUnderItsName()
    {
        using var provider = new ServiceCollection().AddLdapConnector(o =>
        {
            o.Server = "dc1.demo.example";
            o.BindDn = "CN=svc,DC=demo,DC=example";
            o.BindPassword = "x";
            o.BaseDn = "DC=demo,DC=example";
        }).BuildServiceProvider();

        Assert.Equal("directory", provider.GetRequiredService<IDirectoryConnector>().Name);
    }
}
