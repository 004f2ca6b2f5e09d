using System.Net;
using System.Text;
using System.Text.Json;
using DelegationWidgets.Sdk.Models;

namespace DelegationWidgets.Sdk.Tests;

/// <summary>What the client checks and sends by itself, without a host: a stub answers every request.</summary>
public sealed class DelegationClientArgumentTests
{
    private sealed class StubHandler(string json, HttpStatusCode status = HttpStatusCode.OK, string mediaType = "application/json") : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, mediaType) });
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
        if (id is not null)
        {
            await Assert.ThrowsAnyAsync<ArgumentException>(() => client.SubmitAsync("f", data, id));
        }

        Assert.Empty(handler.Requests);
    }

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
