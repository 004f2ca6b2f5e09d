namespace DelegationWidgets.Connectors.Graph.Tests.Actions;

public sealed class GraphAccountActionTests : IDisposable
{
    private const string Password = "Correct-Horse-Battery-9";

    private readonly FakeGraph _graph = new();

    public void Dispose() => _graph.Dispose();

    [Fact]
    public async Task ResetPassword_Apply_PatchesThePasswordProfileAndNeverLogsIt()
    {
        _graph.Given("GET", "users/u1", 200, """{"id":"u1"}""");
        _graph.Given("PATCH", "users/u1", 204);
        var connector = _graph.CreateConnector();

        var result = await connector.ExecuteAsync(new ResetPassword("u1", Password, MustChangeAtNextLogon: true), ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionOutcome.Changed, result.Outcome);
        AttributeChange[] changes =
        [
            new("u1", DirectoryAttributes.Password, null, null, Secret: true),
            new("u1", DirectoryAttributes.MustChangePassword, null, "true"),
        ];
        Assert.Equal(changes, result.Changes);
        var requests = _graph.GraphRequests();
        string[] lines = ["GET /v1.0/users/u1", "PATCH /v1.0/users/u1"];
        string[] readQuery = ["$select=id"];
        Assert.Equal(lines, requests.Select(FakeGraph.Line));
        Assert.Equal(readQuery, FakeGraph.Query(requests[0]));
        Assert.Empty(FakeGraph.Query(requests[1]));
        Assert.Equal(
            FakeGraph.JsonOf($$$"""{"passwordProfile":{"password":"{{{Password}}}","forceChangePasswordNextSignIn":true}}"""),
            FakeGraph.JsonOf(requests[1].Body));
        Assert.Equal("Bearer token-1", FakeGraph.Header(requests[1], "Authorization"));
        Assert.DoesNotContain(Password, result.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_graph.Logs.Lines, line => line.Contains(Password, StringComparison.Ordinal)
            || line.Contains(FakeGraph.ClientSecret, StringComparison.Ordinal)
            || line.Contains("token-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResetPassword_PreviewOfAWeakPassword_PolicyViolationWithoutWriting()
    {
        _graph.Given("GET", "users/u1", 200, """{"id":"u1"}""");
        var connector = _graph.CreateConnector();

        var result = await connector.ExecuteAsync(new ResetPassword("u1", "short", MustChangeAtNextLogon: false), ActionMode.Preview, CancellationToken.None);

        Assert.Equal(ActionErrorCode.PolicyViolation, result.Error?.Code);
        Assert.Equal("newPassword", result.Error?.Parameter);
        Assert.Equal("GET /v1.0/users/u1", FakeGraph.Line(Assert.Single(_graph.GraphRequests())));
    }

    [Fact]
    public async Task DisableAccount_Enabled_ReadsThenPatchesAccountEnabled()
    {
        _graph.Given("GET", "users/u1", 200, """{"id":"u1","accountEnabled":true}""");
        _graph.Given("PATCH", "users/u1", 204);
        var connector = _graph.CreateConnector();

        var result = await connector.ExecuteAsync(new DisableAccount("u1"), ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionOutcome.Changed, result.Outcome);
        Assert.Equal(new AttributeChange("u1", DirectoryAttributes.Enabled, "true", "false"), Assert.Single(result.Changes));
        var requests = _graph.GraphRequests();
        string[] lines = ["GET /v1.0/users/u1", "PATCH /v1.0/users/u1"];
        string[] readQuery = ["$select=id,accountEnabled"];
        Assert.Equal(lines, requests.Select(FakeGraph.Line));
        Assert.Equal(readQuery, FakeGraph.Query(requests[0]));
        Assert.Equal(FakeGraph.JsonOf("""{"accountEnabled":false}"""), FakeGraph.JsonOf(requests[1].Body));
    }

    [Fact]
    public async Task DisableAccount_AlreadyDisabled_NoChangeAndNoWrite()
    {
        _graph.Given("GET", "users/u1", 200, """{"id":"u1","accountEnabled":false}""");
        var connector = _graph.CreateConnector();

        var result = await connector.ExecuteAsync(new DisableAccount("u1"), ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionOutcome.NoChange, result.Outcome);
        Assert.Equal(new AttributeChange("u1", DirectoryAttributes.Enabled, "false", "false"), Assert.Single(result.Changes));
        Assert.Equal("GET /v1.0/users/u1", FakeGraph.Line(Assert.Single(_graph.GraphRequests())));
    }

    [Fact]
    public async Task EnableAccount_AppLacksThePermission_FailsWithAReasonNamingIt()
    {
        _graph.Given("GET", "users/u1", 200, """{"id":"u1","accountEnabled":false}""");
        _graph.Given("PATCH", "users/u1", 403, FakeGraph.Error("Authorization_RequestDenied", "Insufficient privileges to complete the operation."));
        var connector = _graph.CreateConnector();

        var result = await connector.ExecuteAsync(new EnableAccount("u1"), ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionErrorCode.InsufficientRights, result.Error?.Code);
        Assert.Contains("app registration", result.Error?.Message, StringComparison.Ordinal);
        Assert.Contains("User.ReadWrite.All", result.Error?.Message, StringComparison.Ordinal);
        Assert.Contains("Insufficient privileges to complete the operation.", result.Error?.Message, StringComparison.Ordinal);
        Assert.Single(_graph.GraphRequests(), request => request.Method == "PATCH");
    }

    [Fact]
    public async Task DisableAccount_UserMissing_FailsNotFoundOnUserId()
    {
        _graph.Given("GET", "users/u9", 404, FakeGraph.Error("Request_ResourceNotFound", "Resource 'u9' does not exist."));
        var connector = _graph.CreateConnector();

        var result = await connector.ExecuteAsync(new DisableAccount("u9"), ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionErrorCode.NotFound, result.Error?.Code);
        Assert.Equal("userId", result.Error?.Parameter);
        Assert.Single(_graph.GraphRequests());
    }

    [Fact]
    public async Task UpdateContactDetails_NewMailAndPhone_PatchesBothWithBeforeAndAfter()
    {
        _graph.Given("GET", "users/u1", 200, """{"id":"u1","mail":"old@contoso.example","businessPhones":["+31 20 000 0000"]}""");
        _graph.Given("PATCH", "users/u1", 204);
        var connector = _graph.CreateConnector();

        var result = await connector.ExecuteAsync(new UpdateContactDetails("u1", "new@contoso.example", "+31 20 123 4567"), ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionOutcome.Changed, result.Outcome);
        AttributeChange[] changes =
        [
            new("u1", DirectoryAttributes.Mail, "old@contoso.example", "new@contoso.example"),
            new("u1", DirectoryAttributes.Phone, "+31 20 000 0000", "+31 20 123 4567"),
        ];
        Assert.Equal(changes, result.Changes);
        var requests = _graph.GraphRequests();
        string[] readQuery = ["$select=id,mail,businessPhones"];
        Assert.Equal(readQuery, FakeGraph.Query(requests[0]));
        Assert.Equal(
            FakeGraph.JsonOf("""{"mail":"new@contoso.example","businessPhones":["+31 20 123 4567"]}"""),
            FakeGraph.JsonOf(Assert.Single(requests, request => request.Method == "PATCH").Body));
    }

    [Fact]
    public async Task UnlockAccount_NotSupported_FailsWithoutCallingGraph()
    {
        var connector = _graph.CreateConnector();

        var result = await connector.ExecuteAsync(new UnlockAccount("u1"), ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionErrorCode.NotAllowed, result.Error?.Code);
        Assert.Contains("not supported by this connector", result.Error?.Message, StringComparison.Ordinal);
        Assert.Empty(_graph.Requests());
    }
}
