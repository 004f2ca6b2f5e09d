using System.Net;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Tests;

[Collection(HostGroup.Name)]
public sealed class LookupsApiTests(HostFixture fixture)
{
    private DirectoryReader Directory => new(fixture.Host.DatabasePath);

    [Fact]
    public async Task Lookup_Agent_ListsExactlyTheUsersOfSalesAndExternal()
    {
        var ids = await (await fixture.As("agent")).LookupAllAsync("unlock-account", "user");

        var expected = await Directory.ColumnAsync(
            $"SELECT Id FROM directory_objects WHERE Kind = 0 AND OrganizationalUnit IN ('{SeedFacts.Sales}', '{SeedFacts.External}')");
        Assert.Equal(expected.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Lookup_KeyUser_ListsOnlyTheFinanceDepartment()
    {
        var ids = await (await fixture.As("keyuser")).LookupAllAsync("reset-password", "user");

        var expected = await Directory.ColumnAsync("SELECT Id FROM directory_objects WHERE Kind = 0 AND Department = 'Finance'");
        Assert.NotEmpty(ids);
        Assert.Equal(expected.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Lookup_Manager_ListsOnlyDirectReportsAndOwnedGroups()
    {
        var manager = await fixture.As("manager");

        var users = await manager.LookupAllAsync("add-group-member", "user");
        var groups = await manager.LookupAllAsync("add-group-member", "group");

        Assert.Contains(SeedFacts.Employee, users);
        Assert.Equal(await Directory.ColumnAsync($"SELECT Id FROM directory_objects WHERE ManagerId = '{SeedFacts.Manager}' ORDER BY Id"), users.Order(StringComparer.Ordinal).ToList());
        Assert.Equal(await Directory.ColumnAsync($"SELECT Id FROM directory_objects WHERE Kind = 1 AND OwnerId = '{SeedFacts.Manager}' ORDER BY Id"), groups.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Lookup_Search_MatchesPrefixCaseInsensitive()
    {
        var ids = await (await fixture.As("admin")).LookupAllAsync("unlock-account", "user", "EMMA.EMP");

        Assert.Equal(["emma.employee"], ids);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData(")(objectClass=*")]
    public async Task Lookup_WildcardCharacters_AreLiteral(string search)
    {
        var ids = await (await fixture.As("admin")).LookupAllAsync("unlock-account", "user", search);

        Assert.Empty(ids);
    }

    [Fact]
    public async Task Lookup_Employee_IsRefused()
    {
        var response = await (await fixture.As("employee")).GetJsonAsync("api/v1/forms/unlock-account/lookups/user");

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("DW1003", response.ErrorId);
    }

    [Fact]
    public async Task Lookup_UnknownField_Returns404NamingTheLookups()
    {
        var response = await (await fixture.As("agent")).GetJsonAsync("api/v1/forms/unlock-account/lookups/password");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("DW1007", response.ErrorId);
        Assert.Contains("user", response.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_CascadingGroups_ListOnlyGroupsOfTheChosenUser()
    {
        var agent = await fixture.As("agent");
        var user = (await Directory.ColumnAsync(
            $"SELECT m.UserId FROM directory_group_members m JOIN directory_objects o ON o.Id = m.UserId WHERE o.OrganizationalUnit = '{SeedFacts.Sales}' AND m.GroupId IN (SELECT Id FROM directory_objects WHERE OrganizationalUnit = '{SeedFacts.Sales}') ORDER BY m.UserId LIMIT 1"))[0];

        var groups = await agent.LookupAllAsync("remove-group-member", "group", extraQuery: "user=" + user);

        var expected = await Directory.ColumnAsync(
            $"SELECT GroupId FROM directory_group_members WHERE UserId = '{user}' AND GroupId IN (SELECT Id FROM directory_objects WHERE OrganizationalUnit IN ('{SeedFacts.Sales}', '{SeedFacts.External}')) ORDER BY GroupId");
        Assert.NotEmpty(groups);
        Assert.Equal(expected, groups.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Lookup_CascadingWithoutParent_Returns400()
    {
        var response = await (await fixture.As("agent")).GetJsonAsync("api/v1/forms/remove-group-member/lookups/group");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.NotEmpty(response.FieldErrors("/user"));
    }

    [Fact]
    public async Task Lookup_CascadingWithParentOutOfScope_Returns403()
    {
        var response = await (await fixture.As("agent")).GetJsonAsync("api/v1/forms/remove-group-member/lookups/group?user=adam.admin");

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("DW1004", response.ErrorId);
    }

    [Fact]
    public async Task Lookup_DeleteAccount_OffersOnlyExternalAccounts()
    {
        var ids = await (await fixture.As("admin")).LookupAllAsync("delete-account", "user");

        Assert.Equal(await Directory.UsersAsync(SeedFacts.External), ids.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Lookup_BadCursor_Returns400()
    {
        var response = await (await fixture.As("agent")).GetJsonAsync("api/v1/forms/unlock-account/lookups/user?cursor=%%%not-a-cursor");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("DW1014", response.ErrorId);
    }
}
