using System.Net;
using System.Text;
using System.Text.Json;
using DelegationWidgets.Sdk.Models;
using DelegationWidgets.Sdk.Retry;

namespace DelegationWidgets.Sdk.Tests;

/// <summary>What the client checks and sends by itself, without a host: a stub answers every request.</summary>
public sealed class DelegationClientArgumentTests
{
    private sealed class StubHandler(string json, HttpStatusCode status = HttpStatusCode.OK, string mediaType = "application/json") : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        /// <summary>The body of each request as it was sent (the client disposes the request afterwards).</summary>
        public List<string?> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            Bodies.Add(request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken));
            return new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, mediaType) };
        }
    }

    private static (DelegationClient Client, StubHandler Handler) Client(string json, string baseAddress = "https://dw.example/", Func<CancellationToken, ValueTask<string?>>? token = null,
        HttpStatusCode status = HttpStatusCode.OK, string mediaType = "application/json")
    {
        var handler = new StubHandler(json, status, mediaType);
        return (new DelegationClient(new HttpClient(handler), new DelegationClientOptions { BaseAddress = new Uri(baseAddress, UriKind.RelativeOrAbsolute), TokenProvider = token }), handler);
    }

    [Fact]
    public void Constructor_NoBaseAddress_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new DelegationClient(new HttpClient(), new DelegationClientOptions()));

        Assert.Contains("BaseAddress", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RelativeBaseAddress_Throws()
    {
        Assert.Throws<ArgumentException>(() => new DelegationClient(new HttpClient(), new DelegationClientOptions { BaseAddress = new Uri("/dw", UriKind.Relative) }));
    }

    [Fact]
    public void Constructor_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new DelegationClient(null!, new DelegationClientOptions { BaseAddress = new Uri("https://dw.example/") }));
        Assert.Throws<ArgumentNullException>(() => new DelegationClient(new HttpClient(), null!));
    }

    [Fact]
    public async Task GetFormsAsync_BaseAddressWithPath_KeepsThePathAndSendsTokenPerRequest()
    {
        var calls = 0;
        var (client, handler) = Client("[]", "https://intranet.example/dw", _ => ValueTask.FromResult<string?>("token-" + ++calls));

        await client.GetFormsAsync();
        await client.GetFormsAsync();

        Assert.Equal(new Uri("https://intranet.example/dw/api/v1/forms"), handler.Requests[0].RequestUri);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], handler.Requests.Select(r => r.Headers.Authorization!.ToString()));
        Assert.Equal(new Uri("https://intranet.example/dw/"), client.BaseAddress);
    }

    [Fact]
    public async Task GetFormsAsync_NoTokenProvider_SendsNoAuthorizationAndTheUserAgent()
    {
        var handler = new StubHandler("[]");
        var client = new DelegationClient(new HttpClient(handler), new DelegationClientOptions { BaseAddress = new Uri("https://dw.example/"), UserAgent = "HelpdeskPortal/2.1" });

        await client.GetFormsAsync();

        Assert.Null(handler.Requests[0].Headers.Authorization);
        Assert.Equal("HelpdeskPortal/2.1", handler.Requests[0].Headers.UserAgent.ToString());
    }

    [Fact]
    public async Task GetLookupOptionsPageAsync_Arguments_AreEscapedIntoPathAndQuery()
    {
        var (client, handler) = Client("""{"items":[],"nextCursor":null}""");

        await client.GetLookupOptionsPageAsync("remove-group-member", "group", "a b&c", "x/y=", new Dictionary<string, string> { ["user"] = "jan.devries" });

        Assert.Equal("/api/v1/forms/remove-group-member/lookups/group?q=a%20b%26c&cursor=x%2Fy%3D&user=jan.devries", handler.Requests[0].RequestUri!.PathAndQuery);
    }

    [Theory]
    [InlineData("q")]
    [InlineData("cursor")]
    [InlineData("")]
    public void GetLookupOptionsAsync_DependsOnClashesWithOwnParameters_Throws(string name)
    {
        var (client, _) = Client("{}");

        Assert.Throws<ArgumentException>(() => client.GetLookupOptionsAsync("f", "g", dependsOn: new Dictionary<string, string> { [name] = "v" }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public async Task Methods_EmptyIds_ThrowBeforeSending(string? id)
    {
        var (client, handler) = Client("{}");
        var data = new SubmissionRequest(JsonSerializer.SerializeToElement(new { }));

        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.GetFormAsync(id!));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.GetChangeAsync(id!));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.SubmitAsync(id!, data));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.DryRunAsync(id!, data));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.GetDevTokenAsync(id!));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.GetLookupOptionsPageAsync("f", id!));
        Assert.ThrowsAny<ArgumentException>(() => client.GetLookupOptionsAsync(id!, "user"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.GetRequestAsync(id!));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.CancelRequestAsync(id!));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.DecideAsync(id!, new ApprovalDecisionInput(true)));
        if (id is not null)
        {
            await Assert.ThrowsAnyAsync<ArgumentException>(() => client.SubmitAsync("f", data, id));
            await Assert.ThrowsAnyAsync<ArgumentException>(() => client.RequestAsync(new AccessRequestInput("design-tool", Reason: "r"), id));
        }

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task SelfService_NullInputs_ThrowBeforeSending()
    {
        var (client, handler) = Client("{}");

        await Assert.ThrowsAsync<ArgumentNullException>(() => client.RequestAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.DecideAsync("r.0", null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.SetDeputyAsync(null!));

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task RequestAsync_NoKeyGiven_PostsTheInputWithAGeneratedKey_SoTheRetryPolicyRepeatsIt()
    {
        var (client, handler) = Client(AccessRequestJson, status: HttpStatusCode.Created);
        var input = new AccessRequestInput("servicedesk-mailbox", Reason: "Helping out", Data: JsonSerializer.SerializeToElement(new { permission = "SendAs" }));

        var request = await client.RequestAsync(input);
        await client.RequestAsync(input, "INC42-mailbox");

        Assert.Equal("r1", request.Id);
        var sent = handler.Requests[0];
        Assert.Equal((HttpMethod.Post, "/api/v1/requests"), (sent.Method, sent.RequestUri!.PathAndQuery));
        Assert.True(Guid.TryParse(Assert.Single(sent.Headers.GetValues(DelegationClient.IdempotencyKeyHeader)), out _), "The client generates a GUID key when none is given.");
        Assert.True(RetryPolicies.IsRepeatable(sent));
        Assert.Equal("""{"product":"servicedesk-mailbox","beneficiary":null,"reason":"Helping out","durationDays":null,"extends":null,"data":{"permission":"SendAs"}}""", handler.Bodies[0]);
        Assert.Equal("INC42-mailbox", Assert.Single(handler.Requests[1].Headers.GetValues(DelegationClient.IdempotencyKeyHeader)));
    }

    [Fact]
    public async Task CancelDecideAndSetDeputy_SendNoKey_SoTheRetryPolicySendsThemOnce()
    {
        var (client, handler) = Client(AccessRequestJson);
        var (deputies, deputyHandler) = Client("""{"id":"d1","deputyId":"jan.devries","from":"2030-01-01T08:00:00+00:00","until":"2030-01-31T17:00:00+00:00"}""",
            status: HttpStatusCode.Created);

        await client.CancelRequestAsync("a/b");
        await client.DecideAsync("a/b.0", new ApprovalDecisionInput(false, "No budget"));
        var deputy = await deputies.SetDeputyAsync(new DeputyInput("jan.devries", new DateTimeOffset(2030, 1, 31, 17, 0, 0, TimeSpan.Zero)));

        List<HttpRequestMessage> sent = [.. handler.Requests, .. deputyHandler.Requests];
        Assert.Equal(
            ["POST /api/v1/requests/a%2Fb/cancel", "POST /api/v1/approvals/a%2Fb.0/decision", "POST /api/v1/approvals/deputies"],
            sent.Select(r => $"{r.Method} {r.RequestUri!.PathAndQuery}"));
        Assert.All(sent, r => Assert.False(r.Headers.Contains(DelegationClient.IdempotencyKeyHeader)));
        Assert.All(sent, r => Assert.False(RetryPolicies.IsRepeatable(r)));
        List<string?> bodies = [.. handler.Bodies, .. deputyHandler.Bodies];
        Assert.Equal([null, """{"approve":false,"comment":"No budget"}""", """{"deputy":"jan.devries","until":"2030-01-31T17:00:00+00:00","from":null}"""], bodies);
        Assert.Equal(new Deputy("d1", "jan.devries", new DateTimeOffset(2030, 1, 1, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2030, 1, 31, 17, 0, 0, TimeSpan.Zero)), deputy);
    }

    [Fact]
    public async Task SelfServiceLists_AreReadFromTheirPaths()
    {
        var (client, handler) = Client("[]");

        Assert.Empty(await client.GetCatalogAsync());
        Assert.Empty(await client.GetMyRequestsAsync());
        Assert.Empty(await client.GetApprovalsAsync());
        Assert.Empty(await client.GetDeputiesAsync());

        Assert.Equal(["/api/v1/catalog", "/api/v1/requests?mine=true", "/api/v1/approvals", "/api/v1/approvals/deputies"], handler.Requests.Select(r => r.RequestUri!.PathAndQuery));
        Assert.All(handler.Requests, r => Assert.Equal(HttpMethod.Get, r.Method));
    }

    private const string AccessRequestJson = """
        {"id":"r1","productId":"servicedesk-mailbox","productTitle":"IT service desk mailbox",
         "requester":{"subject":"ivo.intern","name":"Ivo Intern","issuer":"dev","roles":["intern"]},
         "beneficiary":"ivo.intern","reason":"Helping out","status":"pending-approval","createdAt":"2026-12-01T09:00:00+00:00",
         "fulfilledAt":null,"expiresAt":null,"extends":null,"timeline":[],"error":null,"details":[]}
        """;

    [Fact]
    public async Task SubmitAsync_DryRunRequest_ThrowsAndPointsToDryRunAsync()
    {
        var (client, handler) = Client("{}");

        var e = await Assert.ThrowsAsync<ArgumentException>(() => client.SubmitAsync("unlock-account", new SubmissionRequest(JsonSerializer.SerializeToElement(new { }), DryRun: true)));

        Assert.Contains("DryRunAsync", e.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task ExportAuditAsync_NullDestination_Throws()
    {
        var (client, _) = Client("");

        await Assert.ThrowsAsync<ArgumentNullException>(() => client.ExportAuditAsync(null!));
    }

    [Fact]
    public async Task GetFormsAsync_SuccessBodyNotJson_ThrowsApiExceptionWithJsonCause()
    {
        var (client, _) = Client("<html>sign in</html>", mediaType: "text/html");

        var e = await Assert.ThrowsAsync<DelegationApiException>(() => client.GetFormsAsync());

        Assert.Equal(200, e.Status);
        Assert.IsType<JsonException>(e.InnerException, exactMatch: false);
    }

    [Fact]
    public async Task GetHealthAsync_Unhealthy503_ReturnsTheReport()
    {
        var (client, _) = Client("""{"status":"database unavailable"}""", status: HttpStatusCode.ServiceUnavailable);

        var health = await client.GetHealthAsync();

        Assert.False(health.IsHealthy);
        Assert.Equal("database unavailable", health.Status);
    }

    private sealed class FakeClient : DelegationClient
    {
        public override Task<IReadOnlyList<FormSummary>> GetFormsAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<FormSummary>>([new FormSummary("unlock-account", 1, "Unlock account", null, null)]);
    }

    [Fact]
    public async Task ProtectedConstructor_Subclass_MocksMethods()
    {
        DelegationClient client = new FakeClient();

        Assert.Equal("unlock-account", Assert.Single(await client.GetFormsAsync()).Id);
    }
}
