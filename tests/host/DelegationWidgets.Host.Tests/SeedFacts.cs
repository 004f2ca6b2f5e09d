namespace DelegationWidgets.Host.Tests;

/// <summary>Facts of the deterministic demo directory the tests rely on.</summary>
public static class SeedFacts
{
    public const string Sales = "OU=Sales,DC=demo,DC=example";
    public const string External = "OU=External,DC=demo,DC=example";
    public const string Finance = "OU=Finance,DC=demo,DC=example";
    public const string Manager = "maria.manager";
    public const string Employee = "emma.employee";
    public const string KeyUser = "kees.keyuser";
    public const string SalesGroupOwnedByManager = "sales-team";
    public const string ItGroup = "it-admins";
    public const string SalesMailbox = "sales-shared";
    public const string HrMailbox = "hr-confidential";
}
