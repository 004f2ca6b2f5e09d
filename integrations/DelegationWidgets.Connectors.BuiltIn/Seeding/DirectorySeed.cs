using System.Globalization;
using DelegationWidgets.Connectors.BuiltIn.Storage;
using static DelegationWidgets.Connectors.BuiltIn.Seeding.DirectoryNames;

namespace DelegationWidgets.Connectors.BuiltIn.Seeding;

/// <summary>
/// The demo directory, computed deterministically from the user count alone (a fixed pseudo-random seed and a
/// fixed seed date; nothing from the clock): the five OUs, the personas the host's development identities map
/// to, department managers reporting to a director, generated employees and externals, groups and shared mailboxes.
/// </summary>
internal sealed class DirectorySeed
{
    /// <summary>The fixed date external accounts' expiry dates are counted from.</summary>
    public static readonly DateOnly SeedDate = new(2026, 1, 1);

    public const string Director = "diana.director";
    public const string SalesManager = "maria.manager";
    public const string FinanceManager = "fleur.dekker";
    public const string ItManager = "thomas.visser";
    public const string HrManager = "hanna.smit";
    public const string Agent = "anna.agent";
    public const string KeyUser = "kees.keyuser";
    public const string Intern = "ivo.intern";
    public const string Employee = "emma.employee";
    public const string Admin = "adam.admin";

    private const int RandomSeed = 20260101;

    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _usersByDepartment = new(StringComparer.Ordinal);
    private readonly List<string> _externals = [];

    private DirectorySeed()
    {
    }

    public List<DirectoryEntry> Entries { get; } = [];

    public List<GroupMembership> Memberships { get; } = [];

    public List<MailboxPermission> MailboxPermissions { get; } = [];

    public static DirectorySeed Create(int userCount)
    {
        var seed = new DirectorySeed();
        seed.AddOrganizationalUnits();
        seed.AddFixedUsers();
        seed.AddGeneratedUsers(userCount - seed.Entries.Count(e => e.Kind == DirectoryObjectKind.User));
        seed.AddGroups();
        seed.AddMailboxes();
        return seed;
    }

    private static string ManagerOf(string department) => department switch
    {
        Sales => SalesManager,
        Finance => FinanceManager,
        It => ItManager,
        _ => HrManager,
    };

    private void AddOrganizationalUnits()
    {
        foreach (var name in new[] { Sales, Finance, It, Hr, External })
        {
            var dn = OrganizationalUnitOf(name);
            Entries.Add(new DirectoryEntry
            {
                Id = dn,
                IdNorm = dn.ToLowerInvariant(),
                Kind = DirectoryObjectKind.OrganizationalUnit,
                DisplayName = name,
                DisplayNameNorm = name.ToLowerInvariant(),
                OrganizationalUnit = DomainSuffix,
                OrganizationalUnitNorm = DomainSuffix.ToLowerInvariant(),
            });
            _usersByDepartment[name] = [];
        }
    }

    private void AddFixedUsers()
    {
        AddUser(Director, "Diana", "Director", Hr, Hr, manager: null);
        AddUser(SalesManager, "Maria", "Manager", Sales, Sales, Director);
        AddUser(FinanceManager, "Fleur", "Dekker", Finance, Finance, Director);
        AddUser(ItManager, "Thomas", "Visser", It, It, Director);
        AddUser(HrManager, "Hanna", "Smit", Hr, Hr, Director);
        AddUser(Agent, "Anna", "Agent", It, It, ItManager);
        AddUser(KeyUser, "Kees", "Keyuser", Finance, Finance, FinanceManager);
        AddUser(Intern, "Ivo", "Intern", It, It, ItManager);
        AddUser(Employee, "Emma", "Employee", Sales, Sales, SalesManager);
        AddUser(Admin, "Adam", "Admin", It, It, ItManager);
    }

    private void AddGeneratedUsers(int count)
    {
        var random = new Random(RandomSeed);
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var given = SeedNames.GivenNames[random.Next(SeedNames.GivenNames.Length)];
            var surname = SeedNames.Surnames[random.Next(SeedNames.Surnames.Length)];
            var days = 1 + random.Next(180);
            var accountBase = AccountBase(given, surname)!;
            counters.TryGetValue(accountBase, out var next);
            var id = accountBase;
            while (_ids.Contains(id))
            {
                next = Math.Max(next, 1) + 1;
                id = accountBase + next.ToString(CultureInfo.InvariantCulture);
            }

            counters[accountBase] = next;

            // 30 % Sales, 20 % Finance, 25 % IT, 15 % HR, 10 % External.
            var bucket = i % 20;
            if (bucket >= 18)
            {
                var sponsor = InternalDepartments[_externals.Count % InternalDepartments.Length];
                var external = AddUser(id, given, surname, External, sponsor, ManagerOf(sponsor));
                external.AccountExpires = SeedDate.AddDays(days);
                _externals.Add(id);
                continue;
            }

            var department = bucket switch
            {
                < 6 => Sales,
                < 10 => Finance,
                < 15 => It,
                _ => Hr,
            };
            var position = _usersByDepartment[department].Count;
            var user = AddUser(id, given, surname, department, department, ManagerOf(department));
            user.Locked = (department == Sales && position % 8 == 3) || (department == Finance && position % 8 == 5);
            user.Enabled = !((department == It || department == Hr) && position % 15 == 7);
        }
    }

    private DirectoryEntry AddUser(string id, string given, string surname, string ou, string department, string? manager)
    {
        var displayName = $"{given} {surname}";
        var dn = OrganizationalUnitOf(ou);
        var user = new DirectoryEntry
        {
            Id = id,
            IdNorm = id,
            Kind = DirectoryObjectKind.User,
            DisplayName = displayName,
            DisplayNameNorm = displayName.ToLowerInvariant(),
            OrganizationalUnit = dn,
            OrganizationalUnitNorm = dn.ToLowerInvariant(),
            Department = department,
            DepartmentNorm = department.ToLowerInvariant(),
            ManagerId = manager,
            GivenName = given,
            GivenNameNorm = given.ToLowerInvariant(),
            Surname = surname,
            SurnameNorm = surname.ToLowerInvariant(),
            Phone = string.Create(CultureInfo.InvariantCulture, $"+31 20 {500 + (_ids.Count / 10_000)} {_ids.Count % 10_000:D4}"),
        };
        user.SetMail(MailOf(id));
        _ids.Add(id);
        Entries.Add(user);
        if (ou != External)
        {
            _usersByDepartment[ou].Add(id);
        }

        return user;
    }

    private void AddGroups()
    {
        var sales = _usersByDepartment[Sales];
        var finance = _usersByDepartment[Finance];
        var it = _usersByDepartment[It];
        var hr = _usersByDepartment[Hr];
        var internals = sales.Concat(finance).Concat(it).Concat(hr).ToList();

        AddGroup("sales-team", "Sales team", Sales, SalesManager, sales);
        AddGroup("sales-crm-users", "Sales CRM users", Sales, SalesManager, [SalesManager, .. Every(sales, 2, 1).Where(u => u != Employee)]);
        AddGroup("sales-leads", "Sales team leads", Sales, SalesManager, Every(sales, 10, 3));
        AddGroup("finance-team", "Finance team", Finance, FinanceManager, finance);
        AddGroup("finance-reporting", "Finance reporting", Finance, KeyUser, [KeyUser, .. Every(finance, 3, 2)]);
        AddGroup("it-admins", "IT administrators", It, ItManager, [Admin, .. Every(it, 10, 4)]);
        AddGroup("it-helpdesk", "IT helpdesk", It, ItManager, [Agent, Intern, .. Every(it, 5, 2)]);
        AddGroup("hr-team", "HR team", Hr, HrManager, hr);
        AddGroup("vpn-users", "VPN users", It, ItManager, [Employee, Agent, .. Every(internals, 3, 0)]);
        AddGroup("external-contractors", "External contractors", External, HrManager, _externals);
        // Groups the self-service catalog grants (their owners approve as resource owners).
        AddGroup("app-design-tool", "Design tool users", It, ItManager, []);
        AddGroup("app-analytics-pro", "Analytics Pro licence holders", It, ItManager, []);
        AddGroup("emergency-response", "Emergency response team", Hr, HrManager, []);
    }

    private void AddMailboxes()
    {
        var sales = _usersByDepartment[Sales];
        AddMailbox("sales-shared", "Sales shared mailbox", Sales, SalesManager,
            full: [SalesManager, Employee, .. Every(sales, 15, 4)], sendAs: [SalesManager]);
        AddMailbox("finance-invoices", "Finance invoices", Finance, FinanceManager,
            full: [FinanceManager, KeyUser], sendAs: [KeyUser]);
        AddMailbox("hr-confidential", "HR confidential", Hr, HrManager, full: [HrManager], sendAs: []);
        AddMailbox("it-servicedesk", "IT service desk", It, ItManager, full: [Agent, Intern, ItManager], sendAs: [Agent]);
    }

    /// <summary>Every <paramref name="step"/>-th user of the list, starting at index <paramref name="offset"/>.</summary>
    private static IEnumerable<string> Every(List<string> users, int step, int offset) =>
        users.Where((_, index) => index % step == offset);

    private void AddGroup(string id, string displayName, string ou, string owner, IEnumerable<string> members)
    {
        Entries.Add(NonUser(id, DirectoryObjectKind.Group, displayName, ou, owner, mail: null));
        foreach (var member in members.Distinct(StringComparer.Ordinal))
        {
            Memberships.Add(new GroupMembership { GroupId = id, UserId = member });
        }
    }

    private void AddMailbox(string id, string displayName, string ou, string owner, IEnumerable<string> full, IEnumerable<string> sendAs)
    {
        Entries.Add(NonUser(id, DirectoryObjectKind.Mailbox, displayName, ou, owner, MailOf(id)));
        foreach (var user in full.Distinct(StringComparer.Ordinal))
        {
            MailboxPermissions.Add(new MailboxPermission { MailboxId = id, UserId = user, Right = MailboxRight.FullAccess });
        }

        foreach (var user in sendAs.Distinct(StringComparer.Ordinal))
        {
            MailboxPermissions.Add(new MailboxPermission { MailboxId = id, UserId = user, Right = MailboxRight.SendAs });
        }
    }

    private static DirectoryEntry NonUser(string id, DirectoryObjectKind kind, string displayName, string ou, string owner, string? mail)
    {
        var dn = OrganizationalUnitOf(ou);
        var entry = new DirectoryEntry
        {
            Id = id,
            IdNorm = id,
            Kind = kind,
            DisplayName = displayName,
            DisplayNameNorm = displayName.ToLowerInvariant(),
            OrganizationalUnit = dn,
            OrganizationalUnitNorm = dn.ToLowerInvariant(),
            OwnerId = owner,
        };
        entry.SetMail(mail);
        return entry;
    }
}
