using System.DirectoryServices.Protocols;
using System.Globalization;
using System.Net;
using System.Text;

namespace DelegationWidgets.Host.Ldap.Tests.Samba;

/// <summary>What the DC answered to a simple bind with an account's password.</summary>
public enum BindAnswer
{
    Success,

    /// <summary>The password is right but must be changed first (Active Directory's <c>data 773</c>).</summary>
    MustChangePassword,

    /// <summary>The password is right but the account is disabled, expired or locked (<c>data 533</c>, <c>701</c>, <c>775</c>).</summary>
    AccountRestricted,

    InvalidCredentials,
}

/// <summary>
/// Plain LDAPS access to the test DC with System.DirectoryServices.Protocols, bound as one account: the tests' own reads
/// (to verify what the host changed) and the seeding. Independent of the connector under test. Thread-safe (one lock).
/// </summary>
public sealed class DomainDirectory : IDisposable
{
    private readonly string _server;
    private readonly string _trustFolder;
    private readonly NetworkCredential _credential;
    private readonly Lock _gate = new();
    private LdapConnection _connection;

    public DomainDirectory(string server, string caCertificate, string bindDn, string password)
    {
        _server = server;
        // libldap (GnuTLS on Debian) reads every file in the folder: give it a folder with only the CA.
        _trustFolder = System.IO.Directory.CreateTempSubdirectory("dw-ldap-trust-").FullName;
        File.Copy(caCertificate, Path.Combine(_trustFolder, "ca.pem"));
        _credential = new NetworkCredential(bindDn, password);
        _connection = Open(_credential);
    }

    public void Add(string dn, params (string Name, object Value)[] attributes)
    {
        var request = new AddRequest(dn);
        foreach (var group in attributes.GroupBy(a => a.Name, StringComparer.OrdinalIgnoreCase))
        {
            var attribute = new DirectoryAttribute { Name = group.Key };
            foreach (var (_, value) in group)
            {
                if (value is byte[] bytes)
                {
                    attribute.Add(bytes);
                }
                else
                {
                    attribute.Add(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                }
            }

            request.Attributes.Add(attribute);
        }

        Send(request);
    }

    public void Modify(string dn, string attribute, DirectoryAttributeOperation operation, params string[] values)
    {
        var modification = new DirectoryAttributeModification { Name = attribute, Operation = operation };
        foreach (var value in values)
        {
            modification.Add(value);
        }

        Send(new ModifyRequest(dn, modification));
    }

    /// <summary>The one object the filter matches (with the attributes asked for), or null.</summary>
    public SearchResultEntry? Find(string filter, params string[] attributes)
    {
        var response = (SearchResponse)Send(new SearchRequest(SambaDomain.BaseDn, filter, SearchScope.Subtree, attributes));
        return response.Entries.Count == 1 ? response.Entries[0] : null;
    }

    /// <summary>The object with this <c>sAMAccountName</c>, or null.</summary>
    public SearchResultEntry? Account(string accountName, params string[] attributes) =>
        Find($"(sAMAccountName={EscapeFilter(accountName)})", attributes);

    public bool Exists(string accountName) => Account(accountName, "cn") is not null;

    public string Dn(string accountName) =>
        Account(accountName, "cn")?.DistinguishedName ?? throw new InvalidOperationException($"No object '{accountName}' in the test domain.");

    /// <summary>The first value of an attribute, or null.</summary>
    public string? Value(string accountName, string attribute) => Values(accountName, attribute).FirstOrDefault();

    /// <summary>All values of an attribute (empty when the object or the attribute is missing).</summary>
    public string[] Values(string accountName, string attribute)
    {
        var entry = Account(accountName, attribute);
        return entry is not null && entry.Attributes.Contains(attribute)
            ? [.. entry.Attributes[attribute].GetValues(typeof(string)).Cast<string>()]
            : [];
    }

    public long Number(string accountName, string attribute) =>
        long.Parse(Value(accountName, attribute) ?? "0", CultureInfo.InvariantCulture);

    /// <summary>The <c>sAMAccountName</c> of every object below <paramref name="baseDn"/> that matches, read in pages.</summary>
    public List<string> AccountNames(string filter, string baseDn = SambaDomain.BaseDn)
    {
        var names = new List<string>();
        var paging = new PageResultRequestControl(500);
        while (true)
        {
            var request = new SearchRequest(baseDn, filter, SearchScope.Subtree, "sAMAccountName");
            request.Controls.Add(paging);
            var response = (SearchResponse)Send(request);
            names.AddRange(response.Entries.Cast<SearchResultEntry>().Select(e => (string)e.Attributes["sAMAccountName"][0]));
            var cookie = response.Controls.OfType<PageResultResponseControl>().FirstOrDefault()?.Cookie;
            if (cookie is not { Length: > 0 })
            {
                return names;
            }

            paging = new PageResultRequestControl(500) { Cookie = cookie };
        }
    }

    /// <summary>Binds as the account with the password on a fresh connection and says what the DC answered.</summary>
    public BindAnswer Bind(string accountName, string password)
    {
        try
        {
            using var connection = Open(new NetworkCredential(Dn(accountName), password));
            return BindAnswer.Success;
        }
        catch (LdapException e) when (e.ErrorCode == 49)
        {
            var message = e.ServerErrorMessage ?? "";
            return message.Contains("data 773", StringComparison.OrdinalIgnoreCase) ? BindAnswer.MustChangePassword
                : message.Contains("data 533", StringComparison.OrdinalIgnoreCase) || message.Contains("data 701", StringComparison.OrdinalIgnoreCase)
                    || message.Contains("data 775", StringComparison.OrdinalIgnoreCase) ? BindAnswer.AccountRestricted
                : BindAnswer.InvalidCredentials;
        }
    }

    /// <summary><c>unicodePwd</c>: the password in double quotes, UTF-16LE.</summary>
    public static byte[] Password(string password) => Encoding.Unicode.GetBytes("\"" + password + "\"");

    /// <summary>RFC 4515 escaping for the tests' own filters.</summary>
    public static string EscapeFilter(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            _ = c switch
            {
                '*' or '(' or ')' or '\\' or '\0' => builder.Append(CultureInfo.InvariantCulture, $"\\{(int)c:x2}"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    public void Dispose()
    {
        _connection.Dispose();
        try
        {
            System.IO.Directory.Delete(_trustFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    private DirectoryResponse Send(DirectoryRequest request)
    {
        lock (_gate)
        {
            try
            {
                return _connection.SendRequest(request, TimeSpan.FromSeconds(30));
            }
            catch (LdapException)
            {
                // The connection broke (the DC was restarted by a test, or dropped it under load): connect again once. A write
                // may have been applied before the break, so on the second try "already there" counts as done.
                _connection.Dispose();
                _connection = Open(_credential);
                try
                {
                    return _connection.SendRequest(request, TimeSpan.FromSeconds(30));
                }
                catch (DirectoryOperationException e) when (request is AddRequest or ModifyRequest
                    && e.Response?.ResultCode is ResultCode.EntryAlreadyExists or ResultCode.AttributeOrValueExists)
                {
                    return e.Response;
                }
            }
        }
    }

    private LdapConnection Open(NetworkCredential credential)
    {
        var connection = new LdapConnection(new LdapDirectoryIdentifier(_server, 636, fullyQualifiedDnsHostName: true, connectionless: false))
        {
            AuthType = AuthType.Basic,
            AutoBind = false,
            Timeout = TimeSpan.FromSeconds(30),
        };
        try
        {
            connection.SessionOptions.ProtocolVersion = 3;
            connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
            connection.SessionOptions.SecureSocketLayer = true;
            if (!OperatingSystem.IsWindows())
            {
                // The Samba DC runs on Linux only; there libldap trusts the CA through a folder.
                connection.SessionOptions.TrustedCertificatesDirectory = _trustFolder;
                connection.SessionOptions.StartNewTlsSessionContext();
            }
            connection.Bind(credential);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
