namespace DelegationWidgets.Connectors.Graph.Tests.Actions;

public sealed class GraphMembershipTests : IDisposable
{
    private readonly FakeGraph _graph = new();

    public GraphMembershipTests()
    {
        _graph.Given("GET", "users/u1", 200, """{"id":"u1"}""");
        _graph.Given("GET", "groups/g1", 200, """{"id":"g1","displayName":"Sales Leads"}""");
    }

    public void Dispose() => _graph.Dispose();

    [Fact]
    public async Task AddGroupMember_Apply_PostsAReferenceToTheUserAndReportsTheChange()
    {
        _graph.Given("POST", "groups/g1/members/$ref", 204);
        var connector = _graph.CreateConnector();

        var result = await connector.ExecuteAsync(new AddGroupMember("u1", "g1"), ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionOutcome.Changed, result.Outcome);
        Assert.Equal(new AttributeChange("g1", DirectoryAttributes.Members, null, "u1"), Assert.Single(result.Changes));
        var requests = _graph.GraphRequests();
        string[] lines = ["GET /v1.0/users/u1", "GET /v1.0/groups/g1", "POST /v1.0/groups/g1/members/$ref"];
        string[] userQuery = ["$select=id"];
        string[] groupQuery = ["$select=id,displayName"];
        Assert.Equal(lines, requests.Select(FakeGraph.Line));
        Assert.Equal(userQuery, FakeGraph.Query(requests[0]));
        Assert.Equal(groupQuery, FakeGraph.Query(requests[1]));
        Assert.Empty(FakeGraph.Query(requests[2]));
        Assert.Equal(FakeGraph.JsonOf($$"""{"@odata.id":"{{_graph.GraphUrl}}directoryObjects/u1"}"""), FakeGraph.JsonOf(requests[2].Body));
        Assert.StartsWith("application/json", FakeGraph.Header(requests[2], "Content-Type"), StringComparison.Ordinal);
        Assert.Equal("Bearer token-1", FakeGraph.Header(requests[2], "Authorization"));
    }

    [Fact]
    public async Task AddGroupMember_GraphSaysAlreadyThere_ReportsNoChange()
    {
        _graph.Given("POST", "groups/g1/members/$ref", 400, FakeGraph.Error(
            "Request_BadRequest", "One or more added object references already exist for the following modified properties: 'members'."));
        var connector = _graph.CreateConnector();

        var result = await connector.ExecuteAsync(new AddGroupMember("u1", "g1"), ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionOutcome.NoChange, result.Outcome);
        Assert.Equal(new AttributeChange("g1", DirectoryAttributes.Members, "u1", "u1"), Assert.Single(result.Changes));
        Assert.Single(_graph.GraphRequests(), request => request.Method == "POST");
    }

    [Fact]
    public async Task AddGroupMember_DynamicGroupRefused_FailsNotAllowedWithGraphsReason()
    {
        _graph.Given("POST", "groups/g1/members/$ref", 400, FakeGraph.Error(
            "Request_BadRequest", "Insufficient privileges to complete the write operation on a group with dynamic membership."));
        var connector = _graph.CreateConnector();

        var result = await connector.ExecuteAsync(new AddGroupMember("u1", "g1"), ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionErrorCode.NotAllowed, result.Error?.Code);
        Assert.Equal("groupId", result.Error?.Parameter);
        Assert.Contains("dynamic membership", result.Error?.Message, StringComparison.Ordinal);
        Assert.Contains("Sales Leads", result.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveGroupMember_GraphSaysNotAMember_ReportsNoChange()
    {
        _graph.Given("DELETE", "groups/g1/members/u1/$ref", 404, FakeGraph.Error(
            "Request_ResourceNotFound", "Resource 'u1' does not exist or one of its queried reference-property objects are not present."));
        var connector = _graph.CreateConnector();

        var result = await connector.ExecuteAsync(new RemoveGroupMember("u1", "g1"), ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionOutcome.NoChange, result.Outcome);
        Assert.Equal(new AttributeChange("g1", DirectoryAttributes.Members, null, null), Assert.Single(result.Changes));
        var delete = Assert.Single(_graph.GraphRequests(), request => request.Method == "DELETE");
        Assert.Equal("DELETE /v1.0/groups/g1/members/u1/$ref", FakeGraph.Line(delete));
        Assert.True(string.IsNullOrEmpty(delete.Body));
    }

    [Fact]
    public async Task AddGroupMember_Preview_AsksForTheMembershipAndWritesNothing()
    {
        _graph.Given("GET", "users/u1/memberOf", 200, FakeGraph.Page(null));
        var connector = _graph.CreateConnector();

        var result = await connector.ExecuteAsync(new AddGroupMember("u1", "g1"), ActionMode.Preview, CancellationToken.None);

        Assert.Equal(ActionOutcome.Changed, result.Outcome);
        Assert.Equal(new AttributeChange("g1", DirectoryAttributes.Members, null, "u1"), Assert.Single(result.Changes));
        var requests = _graph.GraphRequests();
        string[] lines = ["GET /v1.0/users/u1", "GET /v1.0/groups/g1", "GET /v1.0/users/u1/memberOf"];
        string[] membershipQuery = ["$filter=id eq 'g1'", "$select=id", "$count=true"];
        Assert.Equal(lines, requests.Select(FakeGraph.Line));
        Assert.Equal(membershipQuery, FakeGraph.Query(requests[2]));
        Assert.Equal("eventual", FakeGraph.Header(requests[2], "ConsistencyLevel"));
    }

    [Fact]
    public async Task AddGroupMember_GroupMissing_FailsNotFoundOnGroupIdWithoutWriting()
    {
        _graph.Given("GET", "groups/g9", 404, FakeGraph.Error("Request_ResourceNotFound", "Resource 'g9' does not exist."));
        var connector = _graph.CreateConnector();

        var result = await connector.ExecuteAsync(new AddGroupMember("u1", "g9"), ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionErrorCode.NotFound, result.Error?.Code);
        Assert.Equal("groupId", result.Error?.Parameter);
        Assert.DoesNotContain(_graph.GraphRequests(), request => request.Method == "POST");
    }
}
