using System.Text.RegularExpressions;

namespace DelegationWidgets.Connectors.Itsm;

/// <summary>The checks every ticket system's validator runs on the shared settings, with messages naming <c>{section}:{setting}</c>.</summary>
internal static class TicketSystemOptionsValidation
{
    /// <summary>How long a configured pattern may take to match one ticket number.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(200);

    public static void Validate(string section, TicketSystemOptions options, string exampleUrl, List<string> failures)
    {
        ValidateUrl(section, options.BaseUrl, nameof(options.BaseUrl), exampleUrl, failures);
        if (!Enum.IsDefined(options.CallerMatch))
        {
            failures.Add($"{section}:{nameof(options.CallerMatch)} must be UserName or Email; it is {options.CallerMatch}.");
        }

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

    /// <summary>The pattern compiled with a match timeout, or null (and a failure naming the setting) when it does not compile.</summary>
    public static Regex? CompilePattern(string section, string setting, string? pattern, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            failures.Add($"{section}:{setting} is required: a regular expression every ticket number must match.");
            return null;
        }

        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (ArgumentException e)
        {
            failures.Add($"{section}:{setting} is not a valid regular expression ({e.Message}); it is \"{pattern}\".");
            return null;
        }
    }

    /// <summary>An absolute https URL without query or fragment; plain http only for a loopback host (a test double on this machine).</summary>
    private static void ValidateUrl(string section, string value, string setting, string example, List<string> failures)
    {
        var valid = Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            && string.IsNullOrEmpty(uri.Query)
            && string.IsNullOrEmpty(uri.Fragment)
            && string.IsNullOrEmpty(uri.UserInfo);
        if (!valid)
        {
            failures.Add($"{section}:{setting} must be an absolute https URL without a query, such as \"{example}\" (plain http only for localhost); it is \"{value}\".");
        }
    }
}
