using System.Globalization;
using DelegationWidgets.Host.Ldap.Tests.Samba;

namespace DelegationWidgets.Ldap.Benchmarks;

/// <summary>Adds many users to the test domain quickly: LDAP adds over several connections in parallel, no passwords (set later by resets).</summary>
internal static class BulkSeed
{
    /// <summary>Account name of bulk user <paramref name="index"/>: <c>bulk.u00042</c>.</summary>
    public static string UserId(int index) => "bulk.u" + index.ToString("D5", CultureInfo.InvariantCulture);

    public static void Users(SambaDomain domain, string ou, int count, int connections)
    {
        var directories = Enumerable.Range(0, connections)
            .Select(_ => new DomainDirectory(domain.Address, domain.CaCertificate, $"CN=Administrator,CN=Users,{SambaDomain.BaseDn}", SambaDomain.AdminPassword))
            .ToArray();
        try
        {
            Parallel.For(0, connections, new ParallelOptions { MaxDegreeOfParallelism = connections }, worker =>
            {
                for (var i = worker; i < count; i += connections)
                {
                    var id = UserId(i);
                    var surname = "Bulk" + i.ToString("D5", CultureInfo.InvariantCulture);
                    directories[worker].Add($"CN={id},{ou}",
                        ("objectClass", "user"),
                        ("sAMAccountName", id),
                        ("userPrincipalName", $"{id}@demo.example"),
                        ("displayName", $"Person {surname}"),
                        ("givenName", "Person"),
                        ("sn", surname),
                        ("mail", $"{id}@demo.example"),
                        ("department", "Sales"),
                        // Enabled, no password required yet (NORMAL_ACCOUNT | PASSWD_NOTREQD): the DC skips hashing on add.
                        ("userAccountControl", "544"));
                }
            });
        }
        finally
        {
            foreach (var directory in directories)
            {
                directory.Dispose();
            }
        }
    }

    public static void Groups(DomainDirectory directory, string ou, string owner, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var id = "bulk-group" + i.ToString("D2", CultureInfo.InvariantCulture);
            directory.Add($"CN={id},{ou}", ("objectClass", "group"), ("sAMAccountName", id),
                ("groupType", unchecked((int)0x80000002).ToString(CultureInfo.InvariantCulture)), ("managedBy", directory.Dn(owner)));
        }
    }
}
