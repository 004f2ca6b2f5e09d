namespace DelegationWidgets.Connectors.Http;

/// <summary>The checks of the <see cref="HttpConnectorOptions"/> settings that each connector's validator runs, with messages naming <c>{section}:{setting}</c>.</summary>
internal static class HttpConnectorOptionsValidation
{
    public static void Validate(string section, HttpConnectorOptions options, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(failures);
        if (options.RequestTimeout < TimeSpan.FromMilliseconds(100) || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{section}:{nameof(options.RequestTimeout)} must be between 0.1 seconds and 5 minutes; it is {options.RequestTimeout}.");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{section}:{nameof(options.MaxRetries)} must be between 0 and 10; it is {options.MaxRetries}.");
        }

        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > TimeSpan.FromSeconds(30))
        {
            failures.Add($"{section}:{nameof(options.RetryDelay)} must be between 0 and 30 seconds; it is {options.RetryDelay}.");
        }

        if (!(options.CircuitFailureRatio > 0 && options.CircuitFailureRatio <= 1))
        {
            failures.Add($"{section}:{nameof(options.CircuitFailureRatio)} must be more than 0 and at most 1 (the share of failed attempts that opens the circuit); it is {options.CircuitFailureRatio}.");
        }

        if (options.CircuitMinimumThroughput is < 2 or > 1000)
        {
            failures.Add($"{section}:{nameof(options.CircuitMinimumThroughput)} must be between 2 and 1000; it is {options.CircuitMinimumThroughput}.");
        }

        if (options.CircuitSamplingDuration < TimeSpan.FromSeconds(1) || options.CircuitSamplingDuration > TimeSpan.FromHours(1))
        {
            failures.Add($"{section}:{nameof(options.CircuitSamplingDuration)} must be between 1 second and 1 hour; it is {options.CircuitSamplingDuration}.");
        }

        if (options.BreakDuration < TimeSpan.FromSeconds(1) || options.BreakDuration > TimeSpan.FromHours(1))
        {
            failures.Add($"{section}:{nameof(options.BreakDuration)} must be between 1 second and 1 hour; it is {options.BreakDuration}.");
        }
    }
}
