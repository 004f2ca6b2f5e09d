using System.DirectoryServices.Protocols;
using System.Globalization;
using System.Text;
using DelegationWidgets.Connectors.Ldap.Connection;

namespace DelegationWidgets.Connectors.Ldap.Tests.Samba;

/// <summary>
/// The test domain: OUs Sales (with a sub-OU Inside), Finance, IT, HR and External; the delegated service account
/// <c>svc-delegation</c> (an Account Operator) and a read-only <c>svc-readonly</c>; people with department, manager, mail
/// and phone; security groups with owners; two shared mailboxes with their right groups; 30 <c>page.userNN</c> in IT for paging.
/// </summary>
internal static class SeedDirectory
{
    public const string Password = "Seed!Passw0rd-2026";
    public const int PageUsers = 30;

    public static string Ou(string name) => $"OU={name},{SambaDomainController.BaseDn}";

    public static readonly string InsideSales = $"OU=Inside,{Ou("Sales")}";

    public static async Task SeedAsync(LdapGateway admin, CancellationToken cancellationToken)
    {
        foreach (var ou in new[] { "Sales", "Finance", "IT", "HR", "External" })
        {
            await AddAsync(admin, Ou(ou), cancellationToken, ("objectClass", "organizationalUnit"), ("ou", ou));
        }

        await AddAsync(admin, InsideSales, cancellationToken, ("objectClass", "organizationalUnit"), ("ou", "Inside"));

        var users = $"CN=Users,{SambaDomainController.BaseDn}";
        await UserAsync(admin, "svc-delegation", "Delegation Service", users, null, null, SambaDomainController.ServicePassword, cancellationToken);
        await UserAsync(admin, "svc-readonly", "Read Only Service", users, null, null, SambaDomainController.ReadOnlyPassword, cancellationToken);
        await MemberAsync(admin, $"CN=Account Operators,CN=Builtin,{SambaDomainController.BaseDn}", $"CN=Delegation Service,{users}", cancellationToken);

        await UserAsync(admin, "diana.director", "Diana Director", Ou("HR"), "HR", null, Password, cancellationToken);
        await UserAsync(admin, "maria.manager", "Maria Manager", Ou("Sales"), "Sales", "diana.director", Password, cancellationToken);
        await UserAsync(admin, "fleur.dekker", "Fleur Dekker", Ou("Finance"), "Finance", "diana.director", Password, cancellationToken);
        await UserAsync(admin, "thomas.visser", "Thomas Visser", Ou("IT"), "IT", "diana.director", Password, cancellationToken);
        await UserAsync(admin, "hanna.smit", "Hanna Smit", Ou("HR"), "HR", "diana.director", Password, cancellationToken);
        await UserAsync(admin, "emma.employee", "Emma Employee", Ou("Sales"), "Sales", "maria.manager", Password, cancellationToken);
        await UserAsync(admin, "sam.seller", "Sam Seller", Ou("Sales"), "Sales", "maria.manager", Password, cancellationToken);
        await UserAsync(admin, "ivo.inside", "Ivo Inside", InsideSales, "Sales", "maria.manager", Password, cancellationToken);
        await UserAsync(admin, "kees.keyuser", "Kees Keyuser", Ou("Finance"), "Finance", "fleur.dekker", Password, cancellationToken);
        await UserAsync(admin, "frank.finance", "Frank Finance", Ou("Finance"), "Finance", "fleur.dekker", Password, cancellationToken);
        await UserAsync(admin, "harry.hr", "Harry Hr", Ou("HR"), "HR", "hanna.smit", Password, cancellationToken);
        await UserAsync(admin, "eva.extern", "Eva Extern", Ou("External"), "Sales", "maria.manager", Password, cancellationToken);
        await UserAsync(admin, "otto.outside", "Otto Outside", Ou("External"), "Finance", "fleur.dekker", Password, cancellationToken);
        // Display names with filter and DN special characters (account names cannot hold them).
        await UserAsync(admin, "star.user", "Star * (Paren) \\ User", Ou("Sales"), "Sales", "maria.manager", Password, cancellationToken, cn: "Star User");
        await UserAsync(admin, "comma.user", "Comma, User", Ou("Sales"), "Sales", "maria.manager", Password, cancellationToken, cn: "Comma, User");
        for (var i = 1; i <= PageUsers; i++)
        {
            var id = $"page.user{i:00}";
            await UserAsync(admin, id, $"Page User {i:00}", Ou("IT"), "IT", "thomas.visser", Password, cancellationToken);
        }

        await GroupAsync(admin, "sales-team", Ou("Sales"), "maria.manager", ["emma.employee", "sam.seller", "ivo.inside"], cancellationToken);
        await GroupAsync(admin, "sales-leads", Ou("Sales"), "maria.manager", [], cancellationToken);
        await GroupAsync(admin, "finance-team", Ou("Finance"), "fleur.dekker", ["kees.keyuser", "frank.finance"], cancellationToken);
        await GroupAsync(admin, "finance-reporting", Ou("Finance"), "kees.keyuser", ["frank.finance"], cancellationToken);
        await GroupAsync(admin, "vpn-users", Ou("IT"), "thomas.visser", ["emma.employee", "frank.finance"], cancellationToken);
        await GroupAsync(admin, "external-contractors", Ou("External"), "hanna.smit", ["eva.extern", "otto.outside"], cancellationToken);

        await MailboxAsync(admin, "sales-shared", Ou("Sales"), "maria.manager", ["emma.employee"], [], cancellationToken);
        await MailboxAsync(admin, "finance-invoices", Ou("Finance"), "fleur.dekker", ["kees.keyuser"], ["kees.keyuser"], cancellationToken);
    }

    public static string UserDn(string id) => Dns.TryGetValue(id, out var dn) ? dn : throw new KeyNotFoundException(id);

    private static readonly Dictionary<string, string> Dns = new(StringComparer.OrdinalIgnoreCase);

    public static async Task UserAsync(
        LdapGateway admin, string id, string displayName, string ou, string? department, string? manager, string password, CancellationToken cancellationToken, string? cn = null)
    {
        var parts = displayName.Split(' ', 2);
        var dn = $"CN={Escape(cn ?? displayName)},{ou}";
        Dns[id] = dn;
        var attributes = new List<(string, object)>
        {
            ("objectClass", "user"),
            ("sAMAccountName", id),
            ("userPrincipalName", $"{id}@demo.example"),
            ("displayName", displayName),
            ("givenName", parts[0]),
            ("sn", parts.Length > 1 ? parts[1] : parts[0]),
            ("mail", $"{id}@demo.example"),
            ("proxyAddresses", $"SMTP:{id}@demo.example"),
            ("telephoneNumber", "+31 20 555 0100"),
            ("unicodePwd", Encoding.Unicode.GetBytes("\"" + password + "\"")),
            ("userAccountControl", "512"),
        };
        if (department is not null)
        {
            attributes.Add(("department", department));
        }

        if (manager is not null)
        {
            attributes.Add(("manager", Dns[manager]));
        }

        await AddAsync(admin, dn, cancellationToken, [.. attributes]);
    }

    public static async Task GroupAsync(LdapGateway admin, string id, string ou, string owner, string[] members, CancellationToken cancellationToken)
    {
        var dn = $"CN={id},{ou}";
        Dns[id] = dn;
        var attributes = new List<(string, object)>
        {
            ("objectClass", "group"),
            ("sAMAccountName", id),
            ("groupType", unchecked((int)0x80000002).ToString(CultureInfo.InvariantCulture)),
            ("managedBy", Dns[owner]),
        };
        attributes.AddRange(members.Select(m => ("member", (object)Dns[m])));
        await AddAsync(admin, dn, cancellationToken, [.. attributes]);
    }

    private static async Task MailboxAsync(LdapGateway admin, string id, string ou, string owner, string[] fullAccess, string[] sendAs, CancellationToken cancellationToken)
    {
        var dn = $"CN={id},{ou}";
        Dns[id] = dn;
        await AddAsync(admin, dn, cancellationToken,
            ("objectClass", "group"),
            ("sAMAccountName", id),
            ("groupType", "8"),
            ("mail", $"{id}@demo.example"),
            ("displayName", $"Shared mailbox {id}"),
            ("managedBy", Dns[owner]));
        await RightGroupAsync(admin, $"{id}-FullAccess", ou, fullAccess, cancellationToken);
        await RightGroupAsync(admin, $"{id}-SendAs", ou, sendAs, cancellationToken);
    }

    private static async Task RightGroupAsync(LdapGateway admin, string id, string ou, string[] members, CancellationToken cancellationToken)
    {
        var dn = $"CN={id},{ou}";
        Dns[id] = dn;
        var attributes = new List<(string, object)>
        {
            ("objectClass", "group"),
            ("sAMAccountName", id),
            ("groupType", unchecked((int)0x80000004).ToString(CultureInfo.InvariantCulture)),
        };
        attributes.AddRange(members.Select(m => ("member", (object)Dns[m])));
        await AddAsync(admin, dn, cancellationToken, [.. attributes]);
    }

    public static Task<ModifyResponse> MemberAsync(LdapGateway admin, string groupDn, string memberDn, CancellationToken cancellationToken)
    {
        var modification = new DirectoryAttributeModification { Name = "member", Operation = DirectoryAttributeOperation.Add };
        modification.Add(memberDn);
        return admin.SendAsync<ModifyResponse>(new ModifyRequest(groupDn, modification), cancellationToken);
    }

    public static Task<AddResponse> AddAsync(LdapGateway admin, string dn, CancellationToken cancellationToken, params (string Name, object Value)[] attributes)
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
                    attribute.Add((string)value);
                }
            }

            request.Attributes.Add(attribute);
        }

        return admin.SendAsync<AddResponse>(request, cancellationToken);
    }

    private static string Escape(string value) => Ldap.Filters.DistinguishedName.EscapeValue(value);
}
