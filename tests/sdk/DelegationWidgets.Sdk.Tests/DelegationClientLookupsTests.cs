using DelegationWidgets.Sdk.Tests.Fixtures;

namespace DelegationWidgets.Sdk.Tests;

[Collection(RealHost.Name)]
public sealed class DelegationClientLookupsTests(HostFixture host)
{
    [Fact]
    public async Task GetLookupOptionsAsync_MorePagesThanOne_EnumeratesEveryOptionOnce()
    {
        var client = host.Client("agent");
        var pages = new List<string>();
        var byPage = new List<Models.LookupOption>();
        string? cursor = null;
        do
        {
            var page = await client.GetLookupOptionsPageAsync("unlock-account", "user", cursor: cursor);
            byPage.AddRange(page.Items);
            cursor = page.NextCursor;
            pages.Add(cursor ?? "end");
        }
        while (cursor is not null);

        var enumerated = await host.LookupAsync("agent", "unlock-account", "user");

        Assert.True(pages.Count > 1, "The demo directory should give the agent more than one page of Sales users.");
        Assert.Equal(enumerated.Count, enumerated.Select(o => o.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(byPage.Select(o => o.Id), enumerated.Select(o => o.Id));
    }

    [Fact]
    public async Task GetLookupOptionsAsync_Search_ReturnsOnlyMatches()
    {
        var all = await host.LookupAsync("agent", "unlock-account", "user");
        var someone = all[^1];

        var found = new List<Models.LookupOption>();
        await foreach (var option in host.Client("agent").GetLookupOptionsAsync("unlock-account", "user", search: someone.Id))
        {
            found.Add(option);
        }

        Assert.Contains(found, o => o.Id == someone.Id && o.Label == someone.Label);
        Assert.True(found.Count < all.Count);
    }

    [Fact]
    public async Task GetLookupOptionsAsync_CascadingLookup_ListsGroupsOfTheChosenUser()
    {
        var users = await host.LookupAsync("agent", "remove-group-member", "user");
        List<Models.LookupOption> groups = [];
        foreach (var user in users.Take(10))
        {
            groups = await host.LookupAsync("agent", "remove-group-member", "group", new Dictionary<string, string> { ["user"] = user.Id });
            if (groups.Count > 0)
            {
                break;
            }
        }

        Assert.NotEmpty(groups);
    }

    [Fact]
    public async Task GetLookupOptionsPageAsync_CascadingWithoutParent_ThrowsWithParentField()
    {
        var e = await Assert.ThrowsAsync<DelegationApiException>(() => host.Client("agent").GetLookupOptionsPageAsync("remove-group-member", "group"));

        Assert.Equal(400, e.Status);
        Assert.Equal("DW1014", e.ErrorId);
        Assert.True(e.Errors.ContainsKey("/user"));
    }

    [Fact]
    public async Task GetLookupOptionsPageAsync_ParentOutsideScope_ThrowsOutOfScope()
    {
        var e = await Assert.ThrowsAsync<DelegationApiException>(() => host.Client("agent").GetLookupOptionsPageAsync(
            "remove-group-member", "group", dependsOn: new Dictionary<string, string> { ["user"] = "adam.admin" }));

        Assert.Equal(403, e.Status);
        Assert.Equal("DW1004", e.ErrorId);
    }

    [Fact]
    public async Task GetLookupOptionsAsync_UnknownField_ThrowsOnFirstPage()
    {
        var options = host.Client("agent").GetLookupOptionsAsync("unlock-account", "nope");

        var e = await Assert.ThrowsAsync<DelegationApiException>(async () => await options.GetAsyncEnumerator().MoveNextAsync());

        Assert.Equal(404, e.Status);
        Assert.Equal("DW1007", e.ErrorId);
    }

    [Fact]
    public async Task GetLookupOptionsPageAsync_KeyUser_SeesOnlyFinance()
    {
        var agent = (await host.LookupAsync("agent", "unlock-account", "user")).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var keyUser = await host.LookupAsync("keyuser", "unlock-account", "user");

        Assert.NotEmpty(keyUser);
        Assert.NotEqual(agent, keyUser.Select(o => o.Id).ToHashSet(StringComparer.Ordinal));
    }
}
