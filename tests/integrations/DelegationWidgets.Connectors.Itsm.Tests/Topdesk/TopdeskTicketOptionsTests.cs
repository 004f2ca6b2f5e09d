using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Connectors.Itsm.Tests.Topdesk;

public sealed class TopdeskTicketOptionsTests
{
    private static TopdeskTicketOptions Valid() => new()
    {
        BaseUrl = "https://contoso.topdesk.net",
        LoginName = FakeItsm.TopdeskLogin,
        ApplicationPassword = "Very-Secret-Value-1",
    };

    private static ValidateOptionsResult Validate(TopdeskTicketOptions options) => new TopdeskTicketOptionsValidator().Validate(null, options);

    [Fact]
    public void Validate_MinimalSettings_Succeeds()
    {
        Assert.True(Validate(Valid()).Succeeded);
    }

    [Theory]
    [InlineData(nameof(TopdeskTicketOptions.BaseUrl), "contoso.topdesk.net", "Tickets:Topdesk:BaseUrl")]
    [InlineData(nameof(TopdeskTicketOptions.BaseUrl), "https://contoso.topdesk.net/#x", "Tickets:Topdesk:BaseUrl")]
    [InlineData(nameof(TopdeskTicketOptions.LoginName), "", "Tickets:Topdesk:LoginName")]
    [InlineData(nameof(TopdeskTicketOptions.ApplicationPassword), "", "Tickets:Topdesk:ApplicationPassword")]
    [InlineData(nameof(TopdeskTicketOptions.NumberPattern), "^(I", "Tickets:Topdesk:NumberPattern")]
    [InlineData(nameof(TopdeskTicketOptions.NumberPattern), "^I[0-9]+$", "Tickets:Topdesk:NumberPattern")]
    [InlineData(nameof(TopdeskTicketOptions.NumberFormat), "{prefix} {period}", "Tickets:Topdesk:NumberFormat")]
    [InlineData(nameof(TopdeskTicketOptions.NumberFormat), "{prefix}/{period}/{sequence}", "Tickets:Topdesk:NumberFormat")]
    public void Validate_BadSetting_NamesTheSetting(string property, string value, string expected)
    {
        var options = Valid();
        typeof(TopdeskTicketOptions).GetProperty(property)!.SetValue(options, value);

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Failure_NeverEchoesTheApplicationPassword()
    {
        var options = Valid();
        options.LoginName = "";

        Assert.DoesNotContain("Very-Secret-Value-1", Validate(options).FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("Very-Secret-Value-1", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AddTopdeskTickets_InvalidOptions_ThrowsOnFirstUse()
    {
        using var provider = new ServiceCollection().AddTopdeskTickets(o => o.BaseUrl = "https://contoso.topdesk.net").BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TopdeskTicketOptions>>().Value);

        Assert.Contains("Tickets:Topdesk:LoginName", error.Message, StringComparison.Ordinal);
        Assert.Contains("Tickets:Topdesk:ApplicationPassword", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddBothSystems_Registration_ExposesEachUnderItsName()
    {
        var services = new ServiceCollection();
        services.AddTopdeskTickets(o =>
        {
            o.BaseUrl = "https://contoso.topdesk.net";
            o.LoginName = "x";
            o.ApplicationPassword = "y";
        });
        services.AddServiceNowTickets(o =>
        {
            o.BaseUrl = "https://contoso.service-now.com";
            o.UserName = "x";
            o.Password = "y";
        });
        using var provider = services.BuildServiceProvider();

        string[] names = ["servicenow", "topdesk"];
        Assert.Equal(names, provider.GetServices<ITicketSystem>().Select(system => system.Name).Order(StringComparer.Ordinal));
    }
}
