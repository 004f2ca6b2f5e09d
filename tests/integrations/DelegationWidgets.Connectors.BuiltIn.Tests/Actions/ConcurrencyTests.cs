namespace DelegationWidgets.Connectors.BuiltIn.Tests.Actions;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task ExecuteAsync_FiftyParallelAddsOfDifferentUsers_AllMembersAdded()
    {
        await using var directory = await TestDirectory.CreateAsync();
        var users = (await directory.AllAsync(DirectoryObjectKind.User, new TargetScope([new ScopeRule(ScopeRuleKind.Department, "Finance")])))
            .Select(u => u.Id).Take(50).ToList();
        Assert.Equal(50, users.Count);

        var results = await Task.WhenAll(users.Select(u => Task.Run(() =>
            directory.Connector.ExecuteAsync(new AddGroupMember(u, "it-admins"), ActionMode.Apply, CancellationToken.None))));

        Assert.All(results, r => Assert.Equal(ActionOutcome.Changed, r.Outcome));
        var members = await directory.AllAsync(DirectoryObjectKind.User, new TargetScope([new ScopeRule(ScopeRuleKind.MemberOf, "it-admins")]));
        Assert.Superset(users.ToHashSet(), members.Select(m => m.Id).ToHashSet());
    }

    [Fact]
    public async Task ExecuteAsync_FiftyParallelSameAdd_ExactlyOneChanged()
    {
        await using var directory = await TestDirectory.CreateAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() =>
            directory.Connector.ExecuteAsync(new AddGroupMember("emma.employee", "it-admins"), ActionMode.Apply, CancellationToken.None))));

        Assert.Single(results, r => r.Outcome == ActionOutcome.Changed);
        Assert.Equal(49, results.Count(r => r.Outcome == ActionOutcome.NoChange));
        var emma = await directory.Connector.FindAsync(DirectoryObjectKind.User, "emma.employee", CancellationToken.None);
        Assert.Single(emma!.MemberOf, g => g == "it-admins");
    }

    [Fact]
    public async Task ExecuteAsync_ParallelResetsAndLookups_ConsistentAndNoErrors()
    {
        await using var directory = await TestDirectory.CreateAsync();
        const string password = "Parallel-Reset-2026!";

        var resets = Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            directory.Connector.ExecuteAsync(new ResetPassword("kees.keyuser", password, true), ActionMode.Apply, CancellationToken.None)));
        var toggles = Enumerable.Range(0, 30).Select(i => Task.Run(() =>
            directory.Connector.ExecuteAsync(i % 2 == 0 ? new DisableAccount("adam.admin") : new EnableAccount("adam.admin"), ActionMode.Apply, CancellationToken.None)));
        var lookups = Enumerable.Range(0, 30).Select(_ => Task.Run(async () =>
            (await directory.Connector.SearchAsync(new LookupQuery(DirectoryObjectKind.User, "a", TargetScope.Everything), CancellationToken.None)).Items.Count));

        var resetResults = await Task.WhenAll(resets);
        var toggleResults = await Task.WhenAll(toggles);
        var lookupResults = await Task.WhenAll(lookups);

        Assert.Single(resetResults, r => r.Outcome == ActionOutcome.Changed);
        Assert.All(toggleResults, r => Assert.NotEqual(ActionOutcome.Failed, r.Outcome));
        Assert.All(lookupResults, count => Assert.Equal(lookupResults[0], count));
        var entry = await directory.EntryAsync("kees.keyuser");
        Assert.True(DelegationWidgets.Connectors.BuiltIn.Passwords.PasswordHash.Verify(password, entry!.PasswordHash));
    }
}
