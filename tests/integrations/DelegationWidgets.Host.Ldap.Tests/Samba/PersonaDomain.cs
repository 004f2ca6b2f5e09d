using System.Globalization;

namespace DelegationWidgets.Host.Ldap.Tests.Samba;

/// <summary>
/// The test domain as the host's delegation policy (Policy/grants.json) and dev personas (Identity/personas.json) expect it:
/// OUs Sales, Finance, IT, HR and External; the personas' own accounts (anna.agent, kees.keyuser, maria.manager, ivo.intern,
/// emma.employee, adam.admin) with their departments and managers; maria.manager's direct reports and the groups she owns
/// (<c>managedBy</c>); a shared mailbox with its right groups; one account per test that changes something, so tests do not
/// depend on each other's order; and the delegated service account (an Account Operator).
/// </summary>
public static class PersonaDomain
{
    public const string Password = "Seed!Passw0rd-2026";

    public static readonly string Sales = Ou("Sales");
    public static readonly string Finance = Ou("Finance");
    public static readonly string It = Ou("IT");
    public static readonly string Hr = Ou("HR");
    public static readonly string External = Ou("External");

    /// <summary>maria.manager's direct reports (their <c>manager</c> is her).</summary>
    public static readonly string[] MariasReports = ["emma.employee", "sam.seller", "eva.extern", "mona.contact"];

    /// <summary>Groups maria.manager owns (<c>managedBy</c>).</summary>
    public static readonly string[] MariasGroups = ["sales-leads", "sales-team"];

    public static string Ou(string name) => $"OU={name},{SambaDomain.BaseDn}";

    public static void Seed(DomainDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        foreach (var ou in new[] { "Sales", "Finance", "IT", "HR", "External" })
        {
            directory.Add(Ou(ou), ("objectClass", "organizationalUnit"), ("ou", ou));
        }

        directory.Add(SambaDomain.ServiceAccountDn, UserAttributes("svc-delegation", "Delegation Service", null, SambaDomain.ServicePassword));
        directory.Modify($"CN=Account Operators,CN=Builtin,{SambaDomain.BaseDn}", "member", System.DirectoryServices.Protocols.DirectoryAttributeOperation.Add, SambaDomain.ServiceAccountDn);

        var dns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void User(string id, string displayName, string ou, string? department, string? manager, string? cn = null)
        {
            var dn = $"CN={EscapeDn(cn ?? displayName)},{ou}";
            var attributes = UserAttributes(id, displayName, department, Password).ToList();
            if (manager is not null)
            {
                attributes.Add(("manager", dns[manager]));
            }

            directory.Add(dn, [.. attributes]);
            dns[id] = dn;
        }

        User("diana.director", "Diana Director", Hr, "HR", null);
        User("harry.hr", "Harry Hr", Hr, "HR", "diana.director");
        User("adam.admin", "Adam Admin", It, "IT", "diana.director");
        User("anna.agent", "Anna Agent", It, "IT", "diana.director");
        User("ivo.intern", "Ivo Intern", It, "IT", "anna.agent");
        User("thomas.visser", "Thomas Visser", It, "IT", "diana.director");
        User("fleur.dekker", "Fleur Dekker", Finance, "Finance", "diana.director");
        User("kees.keyuser", "Kees Keyuser", Finance, "Finance", "fleur.dekker");
        User("frank.finance", "Frank Finance", Finance, "Finance", "fleur.dekker");
        User("fay.reset", "Fay Reset", Finance, "Finance", "fleur.dekker");
        User("maria.manager", "Maria Manager", Sales, "Sales", "diana.director");
        User("emma.employee", "Emma Employee", Sales, "Sales", "maria.manager");
        User("sam.seller", "Sam Seller", Sales, "Sales", "maria.manager");
        User("mona.contact", "Mona Contact", Sales, "Sales", "maria.manager");
        User("sara.sales", "Sara Sales", Sales, "Sales", "diana.director");
        User("finn.fieldsales", "Finn Fieldsales", Sales, "Finance", "fleur.dekker");
        // One account per test that changes it.
        User("rob.reset", "Rob Reset", Sales, "Sales", "sara.sales");
        User("gina.generated", "Gina Generated", Sales, "Sales", "sara.sales");
        User("wes.weak", "Wes Weak", Sales, "Sales", "sara.sales");
        User("lena.locked", "Lena Locked", Sales, "Sales", "sara.sales");
        User("dirk.disable", "Dirk Disable", Sales, "Sales", "sara.sales");
        User("gus.group", "Gus Group", Sales, "Sales", "sara.sales");
        User("mia.mailbox", "Mia Mailbox", Sales, "Sales", "sara.sales");
        User("olaf.outage", "Olaf Outage", Sales, "Sales", "sara.sales");
        User("pete.paused", "Pete Paused", Sales, "Sales", "sara.sales");
        User("eva.extern", "Eva Extern", External, "Sales", "maria.manager");
        User("otto.outside", "Otto Outside", External, "Finance", "fleur.dekker");
        User("xena.extern", "Xena Extern", External, "Sales", "sara.sales");
        // Filter and DN special characters in names (account names cannot hold them).
        User("star.user", "Star * (Paren) \\ User", Sales, "Sales", "sara.sales", cn: "Star User");
        User("comma.user", "Comma, User", Sales, "Sales", "sara.sales", cn: "Comma, User");

        void Group(string id, string ou, string owner, string[] members, int groupType = unchecked((int)0x80000002))
        {
            var dn = $"CN={id},{ou}";
            var attributes = new List<(string, object)> { ("objectClass", "group"), ("sAMAccountName", id), ("groupType", groupType.ToString(CultureInfo.InvariantCulture)) };
            if (owner.Length > 0)
            {
                attributes.Add(("managedBy", dns[owner]));
            }

            attributes.AddRange(members.Select(m => ("member", (object)dns[m])));
            directory.Add(dn, [.. attributes]);
            dns[id] = dn;
        }

        Group("sales-team", Sales, "maria.manager", ["emma.employee", "sam.seller"]);
        Group("sales-leads", Sales, "maria.manager", []);
        Group("finance-team", Finance, "fleur.dekker", ["kees.keyuser", "frank.finance"]);
        Group("it-admins", It, "thomas.visser", ["adam.admin"]);
        Group("external-contractors", External, "diana.director", ["eva.extern", "otto.outside"]);

        foreach (var (mailbox, ou, owner) in new[] { ("sales-shared", Sales, "maria.manager"), ("finance-invoices", Finance, "fleur.dekker") })
        {
            directory.Add($"CN={mailbox},{ou}",
                ("objectClass", "group"), ("sAMAccountName", mailbox), ("groupType", "8"), ("mail", $"{mailbox}@demo.example"),
                ("displayName", $"Shared mailbox {mailbox}"), ("managedBy", dns[owner]));
            Group($"{mailbox}-FullAccess", ou, "", [], unchecked((int)0x80000004));
            Group($"{mailbox}-SendAs", ou, "", [], unchecked((int)0x80000004));
        }

    }

    /// <summary>Adds more plain Sales users (<c>{prefix}01</c>, <c>{prefix}02</c>, …) for tests that change many accounts; returns their ids.</summary>
    public static List<string> AddSalesUsers(DomainDirectory directory, string prefix, int count)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var ids = new List<string>(count);
        for (var i = 1; i <= count; i++)
        {
            var id = $"{prefix}{i:D2}";
            var displayName = $"{char.ToUpperInvariant(prefix[0])}{prefix[1..].TrimEnd('.')} {i:D2}";
            directory.Add($"CN={EscapeDn(displayName)},{Sales}", UserAttributes(id, displayName, "Sales", Password));
            ids.Add(id);
        }

        return ids;
    }

    private static (string, object)[] UserAttributes(string id, string displayName, string? department, string password)
    {
        var parts = displayName.Split(' ', 2);
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
            ("unicodePwd", DomainDirectory.Password(password)),
            ("userAccountControl", "512"),
        };
        if (department is not null)
        {
            attributes.Add(("department", department));
        }

        return [.. attributes];
    }

    /// <summary>RFC 4514 escaping of an attribute value in a DN.</summary>
    public static string EscapeDn(string value)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is ',' or '+' or '"' or '\\' or '<' or '>' or ';' or '=' || (i == 0 && c is '#' or ' ') || (i == value.Length - 1 && c == ' '))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
