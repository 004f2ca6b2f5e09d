using System.Text.RegularExpressions;
using DelegationWidgets.Connectors.Http;

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

        HttpConnectorOptionsValidation.Validate(section, options, failures);
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
