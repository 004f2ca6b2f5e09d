using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Connectors.Itsm.Tests.ServiceNow;

public sealed class ServiceNowTicketOptionsTests
{
    private static ServiceNowTicketOptions Valid() => new()
    {
        BaseUrl = "https://contoso.service-now.com/",
        UserName = FakeItsm.ServiceNowUser,
        Password = "Very-Secret-Value-1",
    };

    private static ValidateOptionsResult Validate(ServiceNowTicketOptions options) => new ServiceNowTicketOptionsValidator().Validate(null, options);

    [Fact]
    public void Validate_BasicAuthentication_Succeeds()
    {
        Assert.True(Validate(Valid()).Succeeded);
    }

    [Theory]
    [InlineData(nameof(ServiceNowTicketOptions.BaseUrl), "", "Tickets:ServiceNow:BaseUrl")]
    [InlineData(nameof(ServiceNowTicketOptions.BaseUrl), "http://contoso.service-now.com/", "Tickets:ServiceNow:BaseUrl")]
    [InlineData(nameof(ServiceNowTicketOptions.BaseUrl), "https://contoso.service-now.com/?x=1", "Tickets:ServiceNow:BaseUrl")]
    [InlineData(nameof(ServiceNowTicketOptions.BaseUrl), "https://admin:pw@contoso.service-now.com/", "Tickets:ServiceNow:BaseUrl")]
    [InlineData(nameof(ServiceNowTicketOptions.UserName), " ", "Tickets:ServiceNow:UserName")]
    [InlineData(nameof(ServiceNowTicketOptions.Password), "", "Tickets:ServiceNow:Password")]
    [InlineData(nameof(ServiceNowTicketOptions.NumberPattern), "^[A-Z", "Tickets:ServiceNow:NumberPattern")]
    [InlineData(nameof(ServiceNowTicketOptions.NumberPattern), "", "Tickets:ServiceNow:NumberPattern")]
    public void Validate_BadSetting_NamesTheSetting(string property, string value, string expected)
    {
        var options = Valid();
        typeof(ServiceNowTicketOptions).GetProperty(property)!.SetValue(options, value);

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ClientCredentialsWithoutClient_NamesClientIdAndSecretButNotTheUser()
    {
        var options = Valid();
        options.Authentication = ServiceNowAuthentication.ClientCredentials;
        options.UserName = "";
        options.Password = "";

        var message = Validate(options).FailureMessage;

        Assert.Contains("Tickets:ServiceNow:ClientId", message, StringComparison.Ordinal);
        Assert.Contains("Tickets:ServiceNow:ClientSecret", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Tickets:ServiceNow:UserName", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadTables_NamesEachPrefix()
    {
        var options = Valid();
        options.Tables["SCTASK"] = "sc_task; drop";
        options.Tables["T1"] = "task";

        var message = Validate(options).FailureMessage;

        Assert.Contains("Tickets:ServiceNow:Tables:SCTASK", message, StringComparison.Ordinal);
        Assert.Contains("Tickets:ServiceNow:Tables:T1", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ResilienceOutOfRange_NamesEachSetting()
    {
        var options = Valid();
        options.RequestTimeout = TimeSpan.Zero;
        options.MaxRetries = 11;
        options.RetryDelay = TimeSpan.FromMinutes(1);
        options.CircuitFailureRatio = 0;
        options.CircuitMinimumThroughput = 1;
        options.CircuitSamplingDuration = TimeSpan.Zero;
        options.BreakDuration = TimeSpan.FromMilliseconds(10);

        var message = Validate(options).FailureMessage;

        foreach (var setting in new[] { "RequestTimeout", "MaxRetries", "RetryDelay", "CircuitFailureRatio", "CircuitMinimumThroughput", "CircuitSamplingDuration", "BreakDuration" })
        {
            Assert.Contains("Tickets:ServiceNow:" + setting, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_Failure_NeverEchoesTheSecrets()
    {
        var options = Valid();
        options.BaseUrl = "";
        options.ClientSecret = "Other-Secret-Value-2";

        Assert.DoesNotContain("Very-Secret-Value-1", Validate(options).FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("Very-Secret-Value-1", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Other-Secret-Value-2", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AddServiceNowTickets_InvalidOptions_ThrowsOnFirstUse()
    {
        using var provider = new ServiceCollection().AddServiceNowTickets(o => o.UserName = "x").BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ServiceNowTicketOptions>>().Value);

        Assert.Contains("Tickets:ServiceNow:BaseUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains("Tickets:ServiceNow:Password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddServiceNowTickets_CalledTwice_RegistersOneTicketSystemNamedServiceNow()
    {
        var services = new ServiceCollection();
        services.AddServiceNowTickets(o =>
        {
            o.BaseUrl = "https://contoso.service-now.com";
            o.UserName = "x";
            o.Password = "y";
        });
        services.AddServiceNowTickets(_ => { });
        using var provider = services.BuildServiceProvider();

        var system = Assert.Single(provider.GetServices<ITicketSystem>());

        Assert.Equal("servicenow", system.Name);
    }
}
