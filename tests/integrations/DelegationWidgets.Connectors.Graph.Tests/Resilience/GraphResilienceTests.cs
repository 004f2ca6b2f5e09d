using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace DelegationWidgets.Connectors.Graph.Tests.Resilience;

public sealed class GraphResilienceTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeGraph _graph = new();

    public void Dispose() => _graph.Dispose();

    private List<string> GraphLines() => [.. _graph.GraphRequests().Select(FakeGraph.Line)];

    private int UserReads() => GraphLines().Count(line => line == "GET /v1.0/users/u1");

    [Fact]
    public async Task FindAsync_500ThenOk_SendsTheSameRequestOnceMore()
    {
        _graph.GivenGraphSequence("GET", "users/u1", FakeGraph.Answer(500), FakeGraph.Answer(200, FakeGraph.User("u1", "Emma Employee")));
        _graph.Given("GET", "users/u1/memberOf", 200, FakeGraph.Page(null));
        var connector = _graph.CreateConnector();

        var user = await connector.FindAsync(DirectoryObjectKind.User, "u1", CancellationToken.None);

        Assert.Equal("Emma Employee", user?.DisplayName);
        string[] lines = ["GET /v1.0/users/u1", "GET /v1.0/users/u1", "GET /v1.0/users/u1/memberOf"];
        Assert.Equal(lines, GraphLines());
        var requests = _graph.GraphRequests();
        Assert.Equal(FakeGraph.Query(requests[0]), FakeGraph.Query(requests[1]));
        Assert.Equal(FakeGraph.Header(requests[0], "Authorization"), FakeGraph.Header(requests[1], "Authorization"));
    }

    [Fact]
    public async Task FindAsync_503WithRetryAfter_WaitsAsLongAsGraphAsks()
    {
        var time = new FakeTimeProvider(Start);
        _graph.GivenGraphSequence(
            "GET",
            "users/u1",
            Response.Create().WithStatusCode(503).WithHeader("Retry-After", "5"),
            FakeGraph.Answer(200, FakeGraph.User("u1", "Emma Employee")));
        _graph.Given("GET", "users/u1/memberOf", 200, FakeGraph.Page(null));
        var connector = _graph.CreateConnector(o => o.RequestTimeout = TimeSpan.FromMinutes(2), time);

        var find = connector.FindAsync(DirectoryObjectKind.User, "u1", CancellationToken.None);
        await _graph.WaitForGraphRequestsAsync(1);
        // The retry waits on the fake clock: move it a second at a time, giving Graph a moment after each step, until Graph is asked again.
        var waited = TimeSpan.Zero;
        while (UserReads() < 2 && waited < TimeSpan.FromMinutes(1))
        {
            time.Advance(TimeSpan.FromSeconds(1));
            waited += TimeSpan.FromSeconds(1);
            for (var poll = 0; poll < 10 && UserReads() < 2; poll++)
            {
                await Task.Delay(20);
            }
        }

        var user = await find.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("Emma Employee", user?.DisplayName);
        Assert.InRange(waited, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));
        string[] lines = ["GET /v1.0/users/u1", "GET /v1.0/users/u1", "GET /v1.0/users/u1/memberOf"];
        Assert.Equal(lines, GraphLines());
    }

    [Fact]
    public async Task FindAsync_AttemptOutlastsRequestTimeout_IsAbandonedAndSentAgain()
    {
        // Warm up the server and the HTTP stack first, so that only the delayed answer can outlast the short timeout.
        _graph.GivenUser("u0", "Warm Up");
        await _graph.CreateConnector().FindAsync(DirectoryObjectKind.User, "u0", CancellationToken.None);
        _graph.Server.ResetLogEntries();
        var calls = 0;
        _graph.Server.Given(Request.Create().WithPath("/v1.0/users/u1").UsingGet()).RespondWith(Response.Create()
            .WithStatusCode(200)
            .WithHeader("Content-Type", "application/json")
            .WithBody(async _ =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    await Task.Delay(TimeSpan.FromSeconds(3));
                }

                return FakeGraph.User("u1", "Emma Employee");
            }));
        _graph.Given("GET", "users/u1/memberOf", 200, FakeGraph.Page(null));
        var connector = _graph.CreateConnector(o => o.RequestTimeout = TimeSpan.FromMilliseconds(500));

        var user = await connector.FindAsync(DirectoryObjectKind.User, "u1", CancellationToken.None);
        await _graph.WaitForGraphRequestsAsync(3);

        Assert.Equal("Emma Employee", user?.DisplayName);
        Assert.Equal(2, Volatile.Read(ref calls));
        Assert.Equal(2, GraphLines().Count(line => line == "GET /v1.0/users/u1"));
        Assert.Single(GraphLines(), line => line == "GET /v1.0/users/u1/memberOf");
    }

    [Fact]
    public async Task FindAsync_ConnectionResetAfterSending_IsSentAgain()
    {
        _graph.GivenUser("u1", "Emma Employee");
        var connector = _graph.CreateConnector(handler: ResetOnce("/v1.0/users/u1"));

        var user = await connector.FindAsync(DirectoryObjectKind.User, "u1", CancellationToken.None);

        Assert.Equal("Emma Employee", user?.DisplayName);
        string[] lines = ["GET /v1.0/users/u1", "GET /v1.0/users/u1", "GET /v1.0/users/u1/memberOf"];
        Assert.Equal(lines, GraphLines());
    }

    [Fact]
    public async Task AddGroupMember_AnswerLostAfterGraphAdded_SendsAgainAndReportsNoChange()
    {
        _graph.Given("GET", "users/u1", 200, """{"id":"u1"}""");
        _graph.Given("GET", "groups/g1", 200, """{"id":"g1","displayName":"Sales Leads"}""");
        _graph.GivenGraphSequence(
            "POST",
            "groups/g1/members/$ref",
            FakeGraph.Answer(204),
            FakeGraph.Answer(400, FakeGraph.Error("Request_BadRequest", "One or more added object references already exist for the following modified properties: 'members'.")));
        var connector = _graph.CreateConnector(handler: ResetOnce("/v1.0/groups/g1/members/$ref"));

        var result = await connector.ExecuteAsync(new AddGroupMember("u1", "g1"), ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionOutcome.NoChange, result.Outcome);
        var posts = _graph.GraphRequests().Where(request => request.Method == "POST").ToList();
        Assert.Equal(2, posts.Count);
        Assert.Equal(posts[0].Body, posts[1].Body);
    }

    [Fact]
    public async Task FindAsync_GraphKeepsFailing_UnavailableAfterMaxRetriesPlusOneAttempts()
    {
        _graph.Given("GET", "users/u1", 500, FakeGraph.Error("generalException", "General error."));
        var connector = _graph.CreateConnector(o => o.MaxRetries = 3);

        var error = await Assert.ThrowsAnyAsync<ConnectorUnavailableException>(() => connector.FindAsync(DirectoryObjectKind.User, "u1", CancellationToken.None));

        Assert.Contains("Microsoft Graph is unavailable", error.Message, StringComparison.Ordinal);
        Assert.Contains("500", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, GraphLines().Count);
        Assert.All(GraphLines(), line => Assert.Equal("GET /v1.0/users/u1", line));
    }

    [Fact]
    public async Task DisableAccount_GraphKeepsFailing_FailsAsUnavailableThatCanBeRetried()
    {
        _graph.Given("GET", "users/u1", 503);
        var connector = _graph.CreateConnector(o => o.MaxRetries = 2);

        var result = await connector.ExecuteAsync(new DisableAccount("u1"), ActionMode.Apply, CancellationToken.None);

        Assert.Equal(ActionErrorCode.Unavailable, result.Error?.Code);
        Assert.Contains("can be retried", result.Error?.Message, StringComparison.Ordinal);
        Assert.Equal(3, GraphLines().Count);
        Assert.DoesNotContain(_graph.GraphRequests(), request => request.Method == "PATCH");
    }

    [Fact]
    public async Task FindAsync_RepeatedFailures_OpenTheCircuitThenOneRequestAfterTheBreakClosesIt()
    {
        var time = new FakeTimeProvider(Start);
        _graph.Given("GET", "users/u1", 500);
        var connector = _graph.CreateConnector(
            o =>
            {
                o.MaxRetries = 0;
                o.CircuitFailureRatio = 0.5;
                o.CircuitMinimumThroughput = 3;
                o.BreakDuration = TimeSpan.FromSeconds(30);
            },
            time);

        // The token request succeeds and counts too: after two failed reads, 2 of 3 attempts failed.
        await Assert.ThrowsAnyAsync<ConnectorUnavailableException>(() => connector.FindAsync(DirectoryObjectKind.User, "u1", CancellationToken.None));
        await Assert.ThrowsAnyAsync<ConnectorUnavailableException>(() => connector.FindAsync(DirectoryObjectKind.User, "u1", CancellationToken.None));
        var open = await Assert.ThrowsAnyAsync<ConnectorUnavailableException>(() => connector.FindAsync(DirectoryObjectKind.User, "u1", CancellationToken.None));

        Assert.Equal(2, GraphLines().Count);
        Assert.Contains("Microsoft Graph is unavailable", open.Message, StringComparison.Ordinal);
        Assert.Contains("09:00:30 UTC", open.Message, StringComparison.Ordinal);

        _graph.Server.ResetMappings();
        _graph.GivenTokens("token-1");
        _graph.GivenUser("u1", "Emma Employee");
        time.Advance(TimeSpan.FromSeconds(30));
        var recovered = await connector.FindAsync(DirectoryObjectKind.User, "u1", CancellationToken.None);
        var again = await connector.FindAsync(DirectoryObjectKind.User, "u1", CancellationToken.None);

        Assert.Equal("Emma Employee", recovered?.DisplayName);
        Assert.Equal("Emma Employee", again?.DisplayName);
        string[] lines =
        [
            "GET /v1.0/users/u1", "GET /v1.0/users/u1",
            "GET /v1.0/users/u1", "GET /v1.0/users/u1/memberOf",
            "GET /v1.0/users/u1", "GET /v1.0/users/u1/memberOf",
        ];
        Assert.Equal(lines, GraphLines());
    }

    /// <summary>A handler in front of the socket handler that lets the first request to <paramref name="path"/> reach the server, then loses its answer as a reset connection would.</summary>
    private static Func<DelegatingHandler> ResetOnce(string path)
    {
        var resets = new StrongBox<int>();
        return () => new ConnectionResetOnce(path, resets);
    }

    private sealed class ConnectionResetOnce(string path, StrongBox<int> resets) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri?.AbsolutePath == path && Interlocked.Increment(ref resets.Value) == 1)
            {
                response.Dispose();
                throw new HttpRequestException("An error occurred while sending the request.", new IOException("Connection reset by peer"));
            }

            return response;
        }
    }
}
