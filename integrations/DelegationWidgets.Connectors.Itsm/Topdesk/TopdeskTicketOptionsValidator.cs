using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Connectors.Itsm;

/// <summary>Stops the host at start-up with messages naming each misconfigured <c>Tickets:Topdesk:</c> setting (the application password is never echoed).</summary>
public sealed partial class TopdeskTicketOptionsValidator : IValidateOptions<TopdeskTicketOptions>
{
    private const string S = TopdeskTicketOptions.Section;

    public ValidateOptionsResult Validate(string? name, TopdeskTicketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        TicketSystemOptionsValidation.Validate(S, options, "https://contoso.topdesk.net/", failures);
        if (string.IsNullOrWhiteSpace(options.LoginName))
        {
            failures.Add($"{S}:{nameof(options.LoginName)} is required: the login name of the operator the connector signs in as.");
        }

        if (string.IsNullOrEmpty(options.ApplicationPassword))
        {
            failures.Add($"{S}:{nameof(options.ApplicationPassword)} is required: an application password of that operator (keep it in a secret store, not in appsettings).");
        }

        var pattern = TicketSystemOptionsValidation.CompilePattern(S, nameof(options.NumberPattern), options.NumberPattern, failures);
        if (pattern is not null && !(pattern.GetGroupNames().Contains("period") && pattern.GetGroupNames().Contains("sequence")))
        {
            failures.Add($"{S}:{nameof(options.NumberPattern)} must have the named groups (?<period>…) and (?<sequence>…), and may have (?<prefix>…); it is \"{options.NumberPattern}\".");
        }

        if (string.IsNullOrWhiteSpace(options.NumberFormat)
            || !options.NumberFormat.Contains("{period}", StringComparison.Ordinal)
            || !options.NumberFormat.Contains("{sequence}", StringComparison.Ordinal)
            || !FormatText().IsMatch(options.NumberFormat.Replace("{prefix}", "", StringComparison.Ordinal).Replace("{period}", "", StringComparison.Ordinal).Replace("{sequence}", "", StringComparison.Ordinal)))
        {
            failures.Add($"{S}:{nameof(options.NumberFormat)} must contain {{period}} and {{sequence}} (and may contain {{prefix}}) with only letters, digits, spaces and hyphens around them, such as \"{TopdeskTicketOptions.DefaultNumberFormat}\"; it is \"{options.NumberFormat}\".");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z0-9 -]*$", RegexOptions.CultureInvariant)]
    private static partial Regex FormatText();
}
