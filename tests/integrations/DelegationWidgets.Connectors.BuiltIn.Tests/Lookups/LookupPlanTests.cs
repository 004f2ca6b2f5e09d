using DelegationWidgets.Connectors.BuiltIn.Lookups;
using Microsoft.Extensions.DependencyInjection;

namespace DelegationWidgets.Connectors.BuiltIn.Tests.Lookups;

/// <summary>Every lookup plan returns exactly what <see cref="TargetScope.Contains"/> and the prefix rule select.</summary>
public sealed class LookupPlanTests(SharedDirectory shared) : IClassFixture<SharedDirectory>
{
    private static readonly DirectoryObjectKind[] Kinds =
        [DirectoryObjectKind.User, DirectoryObjectKind.Group, DirectoryObjectKind.Mailbox, DirectoryObjectKind.OrganizationalUnit];

    public static TheoryData<string, ScopeRule[], string> ScopesAndPlans()
    {
        var data = new TheoryData<string, ScopeRule[], string>();
        foreach (var row in SearchTests.Scopes)
        {
            data.Add((string)row[0], (ScopeRule[])row[1], nameof(LookupPlan.Ordered));
            data.Add((string)row[0], (ScopeRule[])row[1], nameof(LookupPlan.FromSources));
            data.Add((string)row[0], (ScopeRule[])row[1], nameof(LookupPlan.TopPerSearchColumn));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ScopesAndPlans))]
    public async Task SearchAsync_ForcedPlan_AgreesWithContains(string name, ScopeRule[] rules, string planName)
    {
        var plan = Enum.Parse<LookupPlan>(planName);
        var scope = new TargetScope(rules);
        var connector = shared.Directory.Services.GetRequiredService<BuiltInDirectoryConnector>();
        foreach (var search in new string?[] { null, "j", "de v", "emma.e", "emma.employee@demo", "maria" })
        {
            foreach (var kind in Kinds)
            {
                connector.ForcedPlan = null;
                var all = await shared.Directory.AllAsync(kind, TargetScope.Everything);
                var expected = all.Where(o => scope.Contains(o) && (search is null || Matches(o, search))).Select(o => o.Id).ToList();

                connector.ForcedPlan = plan;
                var actual = (await shared.Directory.AllAsync(kind, scope, search, pageSize: 11)).Select(o => o.Id).ToList();
                connector.ForcedPlan = null;

                Assert.True(expected.SequenceEqual(actual), $"{name}/{kind}/{search}/{plan}: expected {expected.Count}, got {actual.Count}");
            }
        }
    }

    private static bool Matches(DirectoryObject item, string search)
    {
        string?[] keys =
        [
            item.Id, item.DisplayName,
            item.Attributes.GetValueOrDefault(DirectoryAttributes.GivenName),
            item.Attributes.GetValueOrDefault(DirectoryAttributes.Surname),
            item.Attributes.GetValueOrDefault(DirectoryAttributes.Mail),
        ];
        return keys.Any(k => k is not null && k.StartsWith(search, StringComparison.OrdinalIgnoreCase));
    }
}
