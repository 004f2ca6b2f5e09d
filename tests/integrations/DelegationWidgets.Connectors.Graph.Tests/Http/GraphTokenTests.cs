using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;

namespace DelegationWidgets.Connectors.Graph.Tests.Http;

public sealed class GraphTokenTests : IDisposable
{
    private readonly FakeGraph _graph = new();

    public void Dispose() => _graph.Dispose();

    [Fact]
    public async Task FindAsync_TwoCalls_PostClientCredentialsOnceAndSendTheBearerToken()
    {
        _graph.GivenUser("u1", "Emma Employee");
        var connector = _graph.CreateConnector();

        await connector.FindAsync(DirectoryObjectKind.User, "u1", CancellationToken.None);
        await connector.FindAsync(DirectoryObjectKind.User, "u1", CancellationToken.None);

        var token = Assert.Single(_graph.TokenRequests());
        Assert.Equal("POST " + FakeGraph.TokenPath, FakeGraph.Line(token));
        Assert.StartsWith("application/x-www-form-urlencoded", FakeGraph.Header(token, "Content-Type"), StringComparison.Ordinal);
        string[] form =
        [
            "grant_type=client_credentials",
            "client_id=" + FakeGraph.ClientId,
            "client_secret=" + FakeGraph.ClientSecret,
            "scope=https://graph.microsoft.com/.default",
        ];
        Assert.Equal(form, FakeGraph.Form(token));
        var graph = _graph.GraphRequests();
        Assert.Equal(4, graph.Count);
        Assert.All(graph, request => Assert.Equal("Bearer token-1", FakeGraph.Header(request, "Authorization")));
    }

    [Fact]
    public async Task FindAsync_TokenNearItsExpiry_IsRenewedFiveMinutesBefore()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));
        _graph.Server.ResetMappings();
        _graph.GivenTokens("token-1", "token-2");
        _graph.GivenUser("u1", "Emma Employee");
        var connector = _graph.CreateConnector(time: time);

        await connector.FindAsync(DirectoryObjectKind.User, "u1", CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(54));
        await connector.FindAsync(DirectoryObjectKind.User, "u1", CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(2));
        await connector.FindAsync(DirectoryObjectKind.User, "u1", CancellationToken.None);

        Assert.Equal(2, _graph.TokenRequests().Count);
        string[] expected = ["Bearer token-1", "Bearer token-1", "Bearer token-1", "Bearer token-1", "Bearer token-2", "Bearer token-2"];
        Assert.Equal(expected, _graph.GraphRequests().Select(request => FakeGraph.Header(request, "Authorization")));
    }

    [Fact]
    public async Task FindAsync_GraphRefusesTheTokenOnce_AsksForANewOneAndSendsAgain()
    {
        _graph.Server.ResetMappings();
        _graph.GivenTokens("token-1", "token-2");
        _graph.Server.Given(Request.Create().WithPath("/v1.0/users/u1").UsingGet().WithHeader("Authorization", "Bearer token-1"))
            .RespondWith(FakeGraph.Answer(401, FakeGraph.Error("InvalidAuthenticationToken", "Access token has expired or is not yet valid.")));
        _graph.Server.Given(Request.Create().WithPath("/v1.0/users/u1").UsingGet().WithHeader("Authorization", "Bearer token-2"))
            .RespondWith(FakeGraph.Answer(200, FakeGraph.User("u1", "Emma Employee")));
        _graph.Given("GET", "users/u1/memberOf", 200, FakeGraph.Page(null));
        var connector = _graph.CreateConnector();

        var user = await connector.FindAsync(DirectoryObjectKind.User, "u1", CancellationToken.None);

        Assert.Equal("Emma Employee", user?.DisplayName);
        Assert.Equal(2, _graph.TokenRequests().Count);
        var graph = _graph.GraphRequests();
        string[] lines = ["GET /v1.0/users/u1", "GET /v1.0/users/u1", "GET /v1.0/users/u1/memberOf"];
        string[] tokens = ["Bearer token-1", "Bearer token-2", "Bearer token-2"];
        Assert.Equal(lines, graph.Select(FakeGraph.Line));
        Assert.Equal(tokens, graph.Select(request => FakeGraph.Header(request, "Authorization")));
    }

    [Fact]
    public async Task FindAsync_ClientSecretRefused_UnavailableNamingTheSettingsButNotTheSecret()
    {
        _graph.Server.ResetMappings();
        _graph.Server.Given(Request.Create().WithPath(FakeGraph.TokenPath).UsingPost()).RespondWith(FakeGraph.Answer(401, """
            {"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.\r\nTrace ID: 0000"}
            """));
        var connector = _graph.CreateConnector();

        var error = await Assert.ThrowsAnyAsync<ConnectorUnavailableException>(() => connector.FindAsync(DirectoryObjectKind.User, "u1", CancellationToken.None));

        Assert.Contains("AADSTS7000215", error.Message, StringComparison.Ordinal);
        Assert.Contains("Graph:ClientSecret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeGraph.ClientSecret, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_graph.Logs.Lines, line => line.Contains(FakeGraph.ClientSecret, StringComparison.Ordinal));
        Assert.Single(_graph.TokenRequests());
        Assert.Empty(_graph.GraphRequests());
    }
}
