using System.Security.Cryptography;
using DelegationWidgets.Connectors.Ldap.Connection;
using DelegationWidgets.Connectors.Ldap.Filters;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Connectors.Ldap;

/// <summary>Stops the host at start-up with messages naming each misconfigured <c>Ldap:</c> setting (the password is never echoed).</summary>
public sealed class LdapConnectorOptionsValidator : IValidateOptions<LdapConnectorOptions>
{
    private const string S = LdapConnectorOptions.Section;

    public ValidateOptionsResult Validate(string? name, LdapConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Server))
        {
            failures.Add($"{S}:{nameof(options.Server)} is required: the domain controller's host name as it appears in its certificate (e.g. \"dc1.corp.example\").");
        }
        else if (options.Server.Contains("://", StringComparison.Ordinal) || options.Server.Any(char.IsWhiteSpace))
        {
            failures.Add($"{S}:{nameof(options.Server)} must be a host name or address only (no scheme, port or spaces); set {S}:{nameof(options.Port)} and {S}:{nameof(options.UseStartTls)} separately.");
        }

        if (options.Port is < 0 or > 65535)
        {
            failures.Add($"{S}:{nameof(options.Port)} must be between 1 and 65535 (or 0 for the default: 636 for LDAPS, 389 with StartTLS); it is {options.Port}.");
        }

        if (string.IsNullOrWhiteSpace(options.BindDn))
        {
            failures.Add($"{S}:{nameof(options.BindDn)} is required: the DN (or user principal name) of the connector's service account.");
        }

        if (string.IsNullOrEmpty(options.BindPassword))
        {
            failures.Add($"{S}:{nameof(options.BindPassword)} is required: the service account's password (keep it in a secret store, not in appsettings).");
        }

        if (!DistinguishedName.IsWellFormed(options.BaseDn))
        {
            failures.Add($"{S}:{nameof(options.BaseDn)} must be a distinguished name such as \"DC=corp,DC=example\"; it is \"{options.BaseDn}\".");
        }
        else
        {
            if (!string.IsNullOrWhiteSpace(options.ExternalOrganizationalUnit) && !IsBelow(options.ExternalOrganizationalUnit, options.BaseDn))
            {
                failures.Add($"{S}:{nameof(options.ExternalOrganizationalUnit)} must be a DN within {S}:{nameof(options.BaseDn)} ({options.BaseDn}); it is \"{options.ExternalOrganizationalUnit}\".");
            }

            for (var i = 0; i < options.AccountOrganizationalUnits.Count; i++)
            {
                if (!IsBelow(options.AccountOrganizationalUnits[i], options.BaseDn))
                {
                    failures.Add($"{S}:{nameof(options.AccountOrganizationalUnits)}:{i} must be a DN within {S}:{nameof(options.BaseDn)} ({options.BaseDn}); it is \"{options.AccountOrganizationalUnits[i]}\".");
                }
            }
        }

        ValidateTrustedCertificate(options, failures);

        if (string.IsNullOrWhiteSpace(options.Name))
        {
            failures.Add($"{S}:{nameof(options.Name)} is required: the target name forms refer to (default \"directory\").");
        }

        if (!string.IsNullOrWhiteSpace(options.MailDomain) && (options.MailDomain.Contains('@', StringComparison.Ordinal) || !options.MailDomain.Contains('.', StringComparison.Ordinal)))
        {
            failures.Add($"{S}:{nameof(options.MailDomain)} must be a domain such as \"corp.example\" (no @); it is \"{options.MailDomain}\".");
        }

        if (options.OperationTimeout <= TimeSpan.Zero || options.OperationTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{S}:{nameof(options.OperationTimeout)} must be more than 0 and at most 5 minutes; it is {options.OperationTimeout}.");
        }

        if (options.RetryCount is < 0 or > 10)
        {
            failures.Add($"{S}:{nameof(options.RetryCount)} must be between 0 and 10; it is {options.RetryCount}.");
        }

        if (options.BreakDuration < TimeSpan.FromMilliseconds(500) || options.BreakDuration > TimeSpan.FromHours(1))
        {
            failures.Add($"{S}:{nameof(options.BreakDuration)} must be between 0.5 seconds and 1 hour; it is {options.BreakDuration}.");
        }

        if (options.LookupRefreshInterval < TimeSpan.Zero || options.LookupRefreshInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{S}:{nameof(options.LookupRefreshInterval)} must be between 0 (every lookup catches up with the DC) and 10 minutes; it is {options.LookupRefreshInterval}.");
        }

        if (options.LookupReloadInterval < TimeSpan.FromMinutes(1) || options.LookupReloadInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{S}:{nameof(options.LookupReloadInterval)} must be between 1 minute and 1 day; it is {options.LookupReloadInterval}.");
        }

        if (options.MaxConnections is < 1 or > 64)
        {
            failures.Add($"{S}:{nameof(options.MaxConnections)} must be between 1 and 64; it is {options.MaxConnections}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsBelow(string dn, string baseDn) => DistinguishedName.IsWellFormed(dn) && DistinguishedName.IsWithin(dn, baseDn);

    private static void ValidateTrustedCertificate(LdapConnectorOptions options, List<string> failures)
    {
        var value = options.TrustedCertificate;
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (TrustedCertificateSetting.AsThumbprint(value) is not null)
        {
            if (options.UseStartTls)
            {
                failures.Add($"{S}:{nameof(options.TrustedCertificate)}: a thumbprint can only be pinned with LDAPS; with {S}:{nameof(options.UseStartTls)} give the certificate file instead.");
            }

            return;
        }

        if (!File.Exists(value))
        {
            failures.Add($"{S}:{nameof(options.TrustedCertificate)} must be a readable certificate file (PEM or DER) or a SHA-256/SHA-1 thumbprint (64/40 hex digits); \"{value}\" is neither.");
            return;
        }

        try
        {
            _ = TrustedCertificateSetting.LoadFile(value);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            failures.Add($"{S}:{nameof(options.TrustedCertificate)}: \"{value}\" could not be read as a certificate (PEM or DER): {e.Message}");
        }
    }
}
