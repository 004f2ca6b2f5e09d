namespace DelegationWidgets.Connectors.Http.Tests;

public sealed class HttpConnectorOptionsValidationTests
{
    [Fact]
    public void Validate_Defaults_NoFailures()
    {
        var failures = new List<string>();

        HttpConnectorOptionsValidation.Validate("Section", new TestOptions(), failures);

        Assert.Empty(failures);
    }

    [Fact]
    public void Validate_EachSettingOutOfRange_OneMessageNamingSectionAndSetting()
    {
        var options = new TestOptions
        {
            RequestTimeout = TimeSpan.Zero,
            MaxRetries = 11,
            RetryDelay = TimeSpan.FromMinutes(1),
            CircuitFailureRatio = 0,
            CircuitMinimumThroughput = 1,
            CircuitSamplingDuration = TimeSpan.Zero,
            BreakDuration = TimeSpan.FromMilliseconds(10),
        };
        var failures = new List<string>();

        HttpConnectorOptionsValidation.Validate("Tickets:Topdesk", options, failures);

        string[] expected =
        [
            "Tickets:Topdesk:RequestTimeout must be between 0.1 seconds and 5 minutes; it is 00:00:00.",
            "Tickets:Topdesk:MaxRetries must be between 0 and 10; it is 11.",
            "Tickets:Topdesk:RetryDelay must be between 0 and 30 seconds; it is 00:01:00.",
            "Tickets:Topdesk:CircuitFailureRatio must be more than 0 and at most 1 (the share of failed attempts that opens the circuit); it is 0.",
            "Tickets:Topdesk:CircuitMinimumThroughput must be between 2 and 1000; it is 1.",
            "Tickets:Topdesk:CircuitSamplingDuration must be between 1 second and 1 hour; it is 00:00:00.",
            "Tickets:Topdesk:BreakDuration must be between 1 second and 1 hour; it is 00:00:00.0100000.",
        ];
        Assert.Equal(expected, failures);
    }

    private sealed class TestOptions : HttpConnectorOptions;
}
