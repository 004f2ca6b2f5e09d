using System.Buffers.Text;
using System.Text;

namespace DelegationWidgets.Connectors.Graph.Tests.Lookups;

public sealed class GraphLookupTests : IDisposable
{
    private const string SelectUsers = "$select=" + FakeGraph.UserFields;

    private readonly FakeGraph _graph = new();

    public void Dispose() => _graph.Dispose();

    private static LookupQuery Users(string? search, TargetScope scope, string? cursor = null) =>
        new(DirectoryObjectKind.User, search, scope, cursor, PageSize: 25, IncludeMemberOf: false);

    private static TargetScope Scope(params ScopeRule[] rules) => new(rules);

    [Fact]
    public async Task SearchAsync_SearchWithQuoteAmpersandAndSlash_SendsItAsOneEscapedLiteral()
    {
        _graph.Given("GET", "users", 200, FakeGraph.Page(null, FakeGraph.User("u1", "O'Brien & Co/Sales")));
        var connector = _graph.CreateConnector();

        var page = await connector.SearchAsync(Users("O'Brien & Co/", TargetScope.Everything), CancellationToken.None);

        var request = Assert.Single(_graph.GraphRequests());
        Assert.Equal("GET /v1.0/users", FakeGraph.Line(request));
        string[] query =
        [
            "$filter=startswith(displayName,'O''Brien & Co/') or startswith(givenName,'O''Brien & Co/') or startswith(surname,'O''Brien & Co/')"
                + " or startswith(userPrincipalName,'O''Brien & Co/') or startswith(mail,'O''Brien & Co/')",
            SelectUsers,
            "$top=25",
            "$orderby=displayName",
            "$count=true",
        ];
        Assert.Equal(query, FakeGraph.Query(request));
        Assert.Contains("%20%26%20Co", request.RawQuery, StringComparison.Ordinal);
        Assert.Equal("eventual", FakeGraph.Header(request, "ConsistencyLevel"));
        Assert.Equal("Bearer token-1", FakeGraph.Header(request, "Authorization"));
        Assert.Equal("u1", Assert.Single(page.Items).Id);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task SearchAsync_GraphHasMorePages_CursorFollowsGraphsNextLinkExactlyThenEnds()
    {
        _graph.GivenGraphSequence(
            "GET",
            "users",
            FakeGraph.Answer(200, FakeGraph.Page(_graph.GraphUrl + "users?%24top=1&%24skiptoken=X%27Y", FakeGraph.User("u1", "Anna"))),
            FakeGraph.Answer(200, FakeGraph.Page(null, FakeGraph.User("u2", "Bert"))));
        var connector = _graph.CreateConnector();

        var first = await connector.SearchAsync(Users(null, TargetScope.Everything), CancellationToken.None);
        var second = await connector.SearchAsync(Users(null, TargetScope.Everything, first.NextCursor), CancellationToken.None);

        Assert.Equal("u1", Assert.Single(first.Items).Id);
        Assert.NotNull(first.NextCursor);
        Assert.DoesNotContain("skiptoken", first.NextCursor, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("u2", Assert.Single(second.Items).Id);
        Assert.Null(second.NextCursor);
        var requests = _graph.GraphRequests();
        Assert.Equal(2, requests.Count);
        string[] firstQuery = [SelectUsers, "$top=25", "$orderby=displayName", "$count=true"];
        string[] nextQuery = ["$top=1", "$skiptoken=X'Y"];
        Assert.Equal(firstQuery, FakeGraph.Query(requests[0]));
        Assert.Equal("GET /v1.0/users", FakeGraph.Line(requests[1]));
        Assert.Equal(nextQuery, FakeGraph.Query(requests[1]));
        Assert.Equal("eventual", FakeGraph.Header(requests[1], "ConsistencyLevel"));
    }

    [Fact]
    public async Task SearchAsync_CursorItDidNotMakeOrForAnotherScope_IsRefusedWithoutARequest()
    {
        _graph.Given("GET", "users", 200, FakeGraph.Page(_graph.GraphUrl + "users?%24skiptoken=abc", FakeGraph.User("u1", "Anna")));
        var connector = _graph.CreateConnector();
        var sales = Scope(new ScopeRule(ScopeRuleKind.Department, "Sales"));
        var cursor = (await connector.SearchAsync(Users(null, sales), CancellationToken.None)).NextCursor!;
        _graph.Server.ResetLogEntries();
        var signature = cursor.Split('.')[1];
        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("0\nusers?%24top=999")) + "." + signature;

        await Assert.ThrowsAsync<ArgumentException>(() => connector.SearchAsync(Users(null, sales, "not-a-cursor"), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => connector.SearchAsync(Users(null, sales, forged), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => connector.SearchAsync(Users(null, TargetScope.Everything, cursor), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => connector.SearchAsync(Users("a", sales, cursor), CancellationToken.None));
        Assert.Empty(_graph.Requests());
    }

    [Fact]
    public async Task SearchAsync_NextLinkToAnotherHost_IsNotFollowed()
    {
        _graph.Given("GET", "users", 200, FakeGraph.Page("https://graph.evil.example/v1.0/users?$skiptoken=abc", FakeGraph.User("u1", "Anna")));
        var connector = _graph.CreateConnector();

        var page = await connector.SearchAsync(Users(null, TargetScope.Everything), CancellationToken.None);

        Assert.Equal("u1", Assert.Single(page.Items).Id);
        Assert.Null(page.NextCursor);
        Assert.Single(_graph.GraphRequests());
        Assert.Contains(_graph.Logs.Lines, line => line.Contains("graph.evil.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SearchAsync_DepartmentOrGroupMembers_QueriesEachSourceAndListsNobodyTwice()
    {
        _graph.Given("GET", "users", 200, FakeGraph.Page(null, FakeGraph.User("u1", "Anna", "Sales")));
        _graph.Given("GET", "groups/g1/members/microsoft.graph.user", 200, FakeGraph.Page(null, FakeGraph.User("u1", "Anna", "Sales"), FakeGraph.User("u2", "Bert", "HR")));
        var connector = _graph.CreateConnector();
        var scope = Scope(new ScopeRule(ScopeRuleKind.Department, "Sales"), new ScopeRule(ScopeRuleKind.MemberOf, "g1"));

        var first = await connector.SearchAsync(Users(null, scope), CancellationToken.None);
        var second = await connector.SearchAsync(Users(null, scope, first.NextCursor), CancellationToken.None);

        Assert.Equal("u1", Assert.Single(first.Items).Id);
        Assert.Equal("u2", Assert.Single(second.Items).Id);
        Assert.Null(second.NextCursor);
        var requests = _graph.GraphRequests();
        string[] lines = ["GET /v1.0/users", "GET /v1.0/groups/g1/members/microsoft.graph.user"];
        string[] departmentQuery = ["$filter=department eq 'Sales'", SelectUsers, "$top=25", "$orderby=displayName", "$count=true"];
        string[] membersQuery = [SelectUsers, "$top=25", "$count=true"];
        Assert.Equal(lines, requests.Select(FakeGraph.Line));
        Assert.Equal(departmentQuery, FakeGraph.Query(requests[0]));
        Assert.Equal(membersQuery, FakeGraph.Query(requests[1]));
    }

    [Fact]
    public async Task SearchAsync_OrganizationalUnitScopeOrWithin_ListsNothingWithoutARequest()
    {
        var connector = _graph.CreateConnector();
        var ou = Scope(new ScopeRule(ScopeRuleKind.OrganizationalUnit, "OU=Sales,DC=contoso,DC=example"));

        var byRule = await connector.SearchAsync(Users(null, ou), CancellationToken.None);
        var within = await connector.SearchAsync(Users(null, TargetScope.Everything) with { WithinOrganizationalUnit = "OU=External,DC=contoso,DC=example" }, CancellationToken.None);
        var none = await connector.SearchAsync(Users(null, TargetScope.None), CancellationToken.None);

        Assert.Empty(byRule.Items);
        Assert.Empty(within.Items);
        Assert.Empty(none.Items);
        Assert.Empty(_graph.Requests());
    }

    [Fact]
    public async Task FindAsync_User_ReadsItWithManagerThenItsGroupsOnly()
    {
        const string guest = "jo_contoso.com#EXT#@tenant.onmicrosoft.com";
        _graph.Given("GET", "users/" + guest, 200, """
            {"id":"guest-1","displayName":"Jo Guest","department":"Sales","accountEnabled":true,"manager":{"id":"boss-1"}}
            """);
        _graph.Given("GET", "users/guest-1/memberOf", 200, """
            {"value":[{"@odata.type":"#microsoft.graph.group","id":"g2"},{"@odata.type":"#microsoft.graph.directoryRole","id":"role-1"},{"@odata.type":"#microsoft.graph.group","id":"g1"}]}
            """);
        var connector = _graph.CreateConnector();

        var user = await connector.FindAsync(DirectoryObjectKind.User, guest, CancellationToken.None);

        Assert.NotNull(user);
        Assert.Equal("guest-1", user.Id);
        Assert.Equal("boss-1", user.ManagerId);
        Assert.Equal("Sales", user.Department);
        string[] groups = ["g1", "g2"];
        Assert.Equal(groups, user.MemberOf);
        Assert.Equal("", user.OrganizationalUnit);
        var requests = _graph.GraphRequests();
        string[] lines = ["GET /v1.0/users/" + guest, "GET /v1.0/users/guest-1/memberOf"];
        string[] userQuery = [SelectUsers, "$expand=manager($select=id)"];
        string[] groupsQuery = ["$select=id", "$top=999"];
        Assert.Equal(lines, requests.Select(FakeGraph.Line));
        Assert.Equal(userQuery, FakeGraph.Query(requests[0]));
        Assert.Equal(groupsQuery, FakeGraph.Query(requests[1]));
        Assert.Null(FakeGraph.Header(requests[0], "ConsistencyLevel"));
    }

    [Fact]
    public async Task FindAsync_NotFoundOrDotSegment_ReturnsNull()
    {
        _graph.Given("GET", "groups/missing", 404, FakeGraph.Error("Request_ResourceNotFound", "Resource 'missing' does not exist."));
        var connector = _graph.CreateConnector();

        Assert.Null(await connector.FindAsync(DirectoryObjectKind.Group, "missing", CancellationToken.None));
        Assert.Null(await connector.FindAsync(DirectoryObjectKind.User, "..", CancellationToken.None));
        Assert.Equal("GET /v1.0/groups/missing", FakeGraph.Line(Assert.Single(_graph.GraphRequests())));
    }
}
