using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Connectors.Graph.Tests;

public sealed class GraphConnectorOptionsTests
{
    private static GraphConnectorOptions Valid() => new()
    {
        TokenEndpoint = "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token",
        ClientId = FakeGraph.ClientId,
        ClientSecret = "Very-Secret-Value-1",
    };

    private static ValidateOptionsResult Validate(GraphConnectorOptions options) => new GraphConnectorOptionsValidator().Validate(null, options);

    [Fact]
    public void Validate_MinimalSettings_Succeeds()
    {
        Assert.True(Validate(Valid()).Succeeded);
    }

    [Theory]
    [InlineData(nameof(GraphConnectorOptions.TokenEndpoint), "", "Graph:TokenEndpoint")]
    [InlineData(nameof(GraphConnectorOptions.TokenEndpoint), "http://login.example/token", "Graph:TokenEndpoint")]
    [InlineData(nameof(GraphConnectorOptions.BaseUrl), "graph.microsoft.com/v1.0", "Graph:BaseUrl")]
    [InlineData(nameof(GraphConnectorOptions.BaseUrl), "https://graph.microsoft.com/v1.0/?x=1", "Graph:BaseUrl")]
    [InlineData(nameof(GraphConnectorOptions.ClientId), " ", "Graph:ClientId")]
    [InlineData(nameof(GraphConnectorOptions.ClientSecret), "", "Graph:ClientSecret")]
    [InlineData(nameof(GraphConnectorOptions.Scope), "User.Read.All", "Graph:Scope")]
    [InlineData(nameof(GraphConnectorOptions.Name), "", "Graph:Name")]
    public void Validate_BadSetting_NamesTheSetting(string property, string value, string expected)
    {
        var options = Valid();
        typeof(GraphConnectorOptions).GetProperty(property)!.SetValue(options, value);

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
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
        options.BreakDuration = TimeSpan.FromMilliseconds(10);

        var message = Validate(options).FailureMessage;

        foreach (var setting in new[] { "RequestTimeout", "MaxRetries", "RetryDelay", "CircuitFailureRatio", "CircuitMinimumThroughput", "BreakDuration" })
        {
            Assert.Contains("Graph:" + setting, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_Failure_NeverEchoesTheSecret()
    {
        var options = Valid();
        options.TokenEndpoint = "";

        Assert.DoesNotContain("Very-Secret-Value-1", Validate(options).FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("Very-Secret-Value-1", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AddGraphConnector_InvalidOptions_ThrowsOnFirstUse()
    {
        using var provider = new ServiceCollection().AddGraphConnector(o => o.ClientId = "x").BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GraphConnectorOptions>>().Value);

        Assert.Contains("Graph:TokenEndpoint", error.Message, StringComparison.Ordinal);
        Assert.Contains("Graph:ClientSecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddGraphConnector_Registration_ExposesTheConnectorUnderItsName()
    {
        using var provider = new ServiceCollection().AddGraphConnector(o =>
        {
            o.TokenEndpoint = "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token";
            o.ClientId = FakeGraph.ClientId;
            o.ClientSecret = "x";
            o.Name = "entra";
        }).BuildServiceProvider();

        Assert.Equal("entra", provider.GetRequiredService<IDirectoryConnector>().Name);
    }
}
