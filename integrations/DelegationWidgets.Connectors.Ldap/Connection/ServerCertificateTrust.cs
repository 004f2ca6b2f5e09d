using System.DirectoryServices.Protocols;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace DelegationWidgets.Connectors.Ldap.Connection;

/// <summary>
/// Applies <see cref="LdapConnectorOptions.TrustedCertificate"/> to a connection. Certificate validation stays on in every
/// case; the setting only adds one trusted certificate.
/// <para>
/// Linux and macOS (OpenLDAP's libldap): <c>VerifyServerCertificate</c> callbacks are not supported there, so the
/// certificate is written as PEM into a private folder that becomes the connection's
/// <see cref="LdapSessionOptions.TrustedCertificatesDirectory"/>, followed by
/// <see cref="LdapSessionOptions.StartNewTlsSessionContext"/> (libldap then trusts the system CAs and that folder, and
/// still checks the host name). Debian's libldap uses GnuTLS, which reads every file in the folder; a libldap built with
/// OpenSSL looks certificates up by subject-hash file names instead, so there add the certificate to the system store.
/// A thumbprint is pinned by fetching the server's chain over a plain TLS handshake, picking the certificate with that
/// thumbprint and trusting it the same way (LDAPS only).
/// </para>
/// <para>Windows: a <see cref="LdapSessionOptions.VerifyServerCertificate"/> callback accepts a chain that ends in the file's
/// certificate or contains the pinned thumbprint, and otherwise the system's own validation result.</para>
/// </summary>
internal sealed class ServerCertificateTrust : IDisposable
{
    private readonly LdapConnectorOptions _options;
    private readonly Lock _gate = new();
    private string? _directory;

    public ServerCertificateTrust(LdapConnectorOptions options)
    {
        _options = options;
        Thumbprint = TrustedCertificateSetting.AsThumbprint(options.TrustedCertificate);
    }

    /// <summary>The pinned thumbprint (upper-case hex), when the setting is one.</summary>
    public string? Thumbprint { get; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(_options.TrustedCertificate);

    public void Apply(LdapSessionOptions session)
    {
        if (!IsConfigured)
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            var anchors = Thumbprint is null ? TrustedCertificateSetting.LoadFile(_options.TrustedCertificate) : [];
            session.VerifyServerCertificate = (_, certificate) => VerifyOnWindows(certificate, anchors);
            return;
        }

        session.TrustedCertificatesDirectory = EnsureDirectory();
        session.StartNewTlsSessionContext();
    }

    /// <summary>Forgets a fetched pinned certificate, so the next connection fetches it again (after a TLS failure).</summary>
    public void Reset()
    {
        if (Thumbprint is null)
        {
            return;
        }

        lock (_gate)
        {
            DeleteDirectory();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            DeleteDirectory();
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private string EnsureDirectory()
    {
        lock (_gate)
        {
            if (_directory is not null)
            {
                return _directory;
            }

            var certificates = Thumbprint is null ? TrustedCertificateSetting.LoadFile(_options.TrustedCertificate) : [FetchPinned()];
            var directory = Path.Combine(Path.GetTempPath(), "dw-ldap-trust-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var pem = new StringBuilder();
            foreach (var certificate in certificates)
            {
                pem.Append(certificate.ExportCertificatePem()).Append('\n');
            }

            File.WriteAllText(Path.Combine(directory, "trusted.pem"), pem.ToString());
            _directory = directory;
            return directory;
        }
    }

    private X509Certificate2 FetchPinned()
    {
        X509Certificate2? match = null;
        try
        {
            using var client = new TcpClient();
            using var cts = new CancellationTokenSource(_options.OperationTimeout);
            client.ConnectAsync(_options.Server, _options.EffectivePort, cts.Token).AsTask().GetAwaiter().GetResult();
            using var tls = new SslStream(client.GetStream(), false, (_, certificate, chain, _) =>
            {
                // Pinning: this handshake only fetches the certificate; the LDAP session validates it again.
                IEnumerable<X509Certificate2> presented = chain?.ChainElements.Select(e => e.Certificate) ?? [];
                if (certificate is not null)
                {
                    presented = presented.Prepend(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
                }

                match = presented.FirstOrDefault(c => TrustedCertificateSetting.Matches(c, Thumbprint!)) is { } found
                    ? X509CertificateLoader.LoadCertificate(found.RawData)
                    : null;
                return match is not null;
            });
            tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = _options.Server }, cts.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            if (match is null)
            {
                throw new LdapUnavailableException(
                    $"Could not fetch the certificate of {_options.Server}:{_options.EffectivePort} to compare it with Ldap:TrustedCertificate: {e.Message}", e);
            }
        }

        return match ?? throw new LdapUnavailableException(
            $"The certificate presented by {_options.Server}:{_options.EffectivePort} does not match the thumbprint in Ldap:TrustedCertificate; the connector does not trust this server.");
    }

    private bool VerifyOnWindows(X509Certificate certificate, IReadOnlyList<X509Certificate2> anchors)
    {
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (Thumbprint is not null)
        {
            chain.Build(leaf);
            return chain.ChainElements.Any(e => TrustedCertificateSetting.Matches(e.Certificate, Thumbprint));
        }

        if (chain.Build(leaf))
        {
            return true;
        }

        chain.Reset();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors.ToArray());
        return chain.Build(leaf) || anchors.Any(a => a.RawData.AsSpan().SequenceEqual(leaf.RawData));
    }

    private void DeleteDirectory()
    {
        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A left-over temp folder holds only a public certificate.
            }

            _directory = null;
        }
    }
}

/// <summary>How the <c>Ldap:TrustedCertificate</c> setting reads: a thumbprint or a certificate file.</summary>
internal static class TrustedCertificateSetting
{
    /// <summary>The setting as an upper-case thumbprint when it is 40 or 64 hex digits (colons and spaces ignored), else null.</summary>
    public static string? AsThumbprint(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var hex = value.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim();
        return hex.Length is 40 or 64 && hex.All(Uri.IsHexDigit) && !File.Exists(value) ? hex.ToUpperInvariant() : null;
    }

    /// <summary>The certificates in a PEM file (one or more) or a DER file; throws when there are none.</summary>
    public static IReadOnlyList<X509Certificate2> LoadFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var text = Encoding.ASCII.GetString(bytes);
        if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPem(text);
            return collection.Count > 0 ? [.. collection] : throw new CryptographicException($"{path} holds no certificate.");
        }

        return [X509CertificateLoader.LoadCertificate(bytes)];
    }

    public static bool Matches(X509Certificate2 certificate, string thumbprint) =>
        thumbprint.Length == 64
            ? certificate.GetCertHashString(HashAlgorithmName.SHA256).Equals(thumbprint, StringComparison.OrdinalIgnoreCase)
            : certificate.Thumbprint.Equals(thumbprint, StringComparison.OrdinalIgnoreCase);
}
