using DelegationWidgets.Connectors.Http;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Connectors.Graph;

/// <summary>Stops the host at start-up with messages naming each misconfigured <c>Graph:</c> setting (the client secret is never echoed).</summary>
public sealed class GraphConnectorOptionsValidator : IValidateOptions<GraphConnectorOptions>
{
    private const string S = GraphConnectorOptions.Section;

    public ValidateOptionsResult Validate(string? name, GraphConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            failures.Add($"{S}:{nameof(options.Name)} is required: the target name forms refer to (default \"directory\").");
        }

        ValidateUrl(options.BaseUrl, nameof(options.BaseUrl), "https://graph.microsoft.com/v1.0/", failures);
        if (string.IsNullOrWhiteSpace(options.TokenEndpoint))
        {
            failures.Add($"{S}:{nameof(options.TokenEndpoint)} is required: the tenant's token endpoint, https://login.microsoftonline.com/<tenant id>/oauth2/v2.0/token.");
        }
        else
        {
            ValidateUrl(options.TokenEndpoint, nameof(options.TokenEndpoint), "https://login.microsoftonline.com/<tenant id>/oauth2/v2.0/token", failures);
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"{S}:{nameof(options.ClientId)} is required: the application (client) id of the connector's app registration.");
        }

        if (string.IsNullOrEmpty(options.ClientSecret))
        {
            failures.Add($"{S}:{nameof(options.ClientSecret)} is required: a client secret of the app registration (keep it in a secret store, not in appsettings).");
        }

        if (!Uri.TryCreate(options.Scope, UriKind.Absolute, out _) || !options.Scope.EndsWith("/.default", StringComparison.Ordinal))
        {
            failures.Add($"{S}:{nameof(options.Scope)} must be a resource's .default scope such as \"https://graph.microsoft.com/.default\" (client credentials get the app's granted permissions); it is \"{options.Scope}\".");
        }

        HttpConnectorOptionsValidation.Validate(S, options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>An absolute https URL without query or fragment; plain http only for a loopback host (a test double on this machine).</summary>
    private static void ValidateUrl(string value, string setting, string example, List<string> failures)
    {
        var valid = Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            && string.IsNullOrEmpty(uri.Query)
            && string.IsNullOrEmpty(uri.Fragment);
        if (!valid)
        {
            failures.Add($"{S}:{setting} must be an absolute https URL without a query, such as \"{example}\" (plain http only for localhost); it is \"{value}\".");
        }
    }
}
