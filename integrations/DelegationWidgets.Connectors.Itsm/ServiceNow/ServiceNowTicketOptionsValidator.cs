using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Connectors.Itsm;

/// <summary>Stops the host at start-up with messages naming each misconfigured <c>Tickets:ServiceNow:</c> setting (secrets are never echoed).</summary>
public sealed partial class ServiceNowTicketOptionsValidator : IValidateOptions<ServiceNowTicketOptions>
{
    private const string S = ServiceNowTicketOptions.Section;

    public ValidateOptionsResult Validate(string? name, ServiceNowTicketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        TicketSystemOptionsValidation.Validate(S, options, "https://contoso.service-now.com/", failures);
        switch (options.Authentication)
        {
            case ServiceNowAuthentication.Basic:
                RequireUser(options, failures);
                break;
            case ServiceNowAuthentication.ClientCredentials:
                RequireClient(options, failures);
                break;
            case ServiceNowAuthentication.Password:
                RequireClient(options, failures);
                RequireUser(options, failures);
                break;
            default:
                failures.Add($"{S}:{nameof(options.Authentication)} must be Basic, ClientCredentials or Password; it is {options.Authentication}.");
                break;
        }

        TicketSystemOptionsValidation.CompilePattern(S, nameof(options.NumberPattern), options.NumberPattern, failures);
        if (options.Tables.Count == 0)
        {
            failures.Add($"{S}:{nameof(options.Tables)} needs at least one prefix and its table, such as INC = incident.");
        }

        foreach (var (prefix, table) in options.Tables)
        {
            if (!Prefix().IsMatch(prefix))
            {
                failures.Add($"{S}:{nameof(options.Tables)}:{prefix} is not a number prefix: two to six letters, such as INC or RITM.");
            }

            if (table is null || !TableName().IsMatch(table))
            {
                failures.Add($"{S}:{nameof(options.Tables)}:{prefix} must name a table (lower-case letters, digits and '_', such as incident); it is \"{table}\".");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireUser(ServiceNowTicketOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.UserName))
        {
            failures.Add($"{S}:{nameof(options.UserName)} is required for {options.Authentication} authentication: the integration user's user name.");
        }

        if (string.IsNullOrEmpty(options.Password))
        {
            failures.Add($"{S}:{nameof(options.Password)} is required for {options.Authentication} authentication: the integration user's password (keep it in a secret store, not in appsettings).");
        }
    }

    private static void RequireClient(ServiceNowTicketOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"{S}:{nameof(options.ClientId)} is required for {options.Authentication} authentication: the OAuth application's client id.");
        }

        if (string.IsNullOrEmpty(options.ClientSecret))
        {
            failures.Add($"{S}:{nameof(options.ClientSecret)} is required for {options.Authentication} authentication: the OAuth application's client secret (keep it in a secret store, not in appsettings).");
        }
    }

    [GeneratedRegex("^[A-Za-z]{2,6}$", RegexOptions.CultureInvariant)]
    private static partial Regex Prefix();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,79}$", RegexOptions.CultureInvariant)]
    private static partial Regex TableName();
}
