using System.Net;
using System.Text;
using Bunit;
using DelegationWidgets.Widgets.Catalog;
using DelegationWidgets.Widgets.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace DelegationWidgets.Widgets.Tests;

/// <summary>
/// &lt;dw-catalog&gt; and &lt;dw-approvals&gt; rendered by bUnit against a recording HTTP handler (the exact requests sent: method,
/// path, body, idempotency key) and page bridge.
/// </summary>
public sealed class CatalogComponentTests : IDisposable
{
    private const string CatalogJson = """
        [
          { "id": "crm-access", "version": 1, "title": "CRM access", "description": "The sales CRM: accounts and opportunities.", "icon": "app",
            "category": "Applications", "cost": 0, "risk": "low", "maxDurationDays": null, "onBehalfOfDirectReports": true, "approval": "Approved automatically" },
          { "id": "design-tool", "version": 1, "title": "Design tool licence", "description": "A named licence for the design tool.", "icon": "licence",
            "category": "Licences", "cost": 12, "risk": "low", "maxDurationDays": 365, "onBehalfOfDirectReports": false, "approval": "Your manager approves" },
          { "id": "analytics-pro", "version": 2, "title": "Analytics Pro", "description": "Dashboards and reports.", "icon": null,
            "category": "Licences", "cost": 40, "risk": "medium", "maxDurationDays": null, "onBehalfOfDirectReports": false, "approval": "Your manager, then the resource owner" }
        ]
        """;

    private const string PendingRequestJson = """
        { "id": "req-1", "productId": "design-tool", "productTitle": "Design tool licence",
          "requester": { "subject": "emma.employee", "name": "Emma Employee", "issuer": "dev", "roles": ["employee"] },
          "beneficiary": "emma.employee", "reason": "Campaign visuals", "status": "pending-approval",
          "createdAt": "2026-11-30T10:00:00Z", "fulfilledAt": null, "expiresAt": null, "extends": null,
          "timeline": [ { "step": "manager", "title": "Manager approval", "status": "pending", "rule": null, "decisions": [],
                          "createdAt": "2026-11-30T10:00:00Z", "decidedAt": null, "dueAt": "2026-12-03T10:00:00Z" } ],
          "error": null }
        """;

    private const string ApprovalsJson = """
        [ { "id": "req-1.0", "requestId": "req-1", "productTitle": "Design tool licence", "requesterName": "Emma Employee", "beneficiary": "emma.employee",
            "reason": "Campaign visuals", "cost": 12, "risk": "low", "step": "Manager approval", "createdAt": "2026-11-30T10:00:00Z", "dueAt": "2026-12-03T10:00:00Z" } ]
        """;

    private readonly BunitContext _context = new();
    private readonly FakeApiHandler _handler = new();
    private readonly HttpClient _http;
    private readonly FakeHost _host = new();
    private readonly FakeEvents _events = new();

    public CatalogComponentTests()
    {
        _http = new HttpClient(_handler);
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddSingleton(new SelfServiceApi(_http, new Uri("http://api.test/")));
        _context.Services.AddSingleton<WidgetHost>(_host);
        _context.Services.AddSingleton<SelfServiceEvents>(_events);
    }

    public void Dispose()
    {
        _context.Dispose();
        _http.Dispose();
        _handler.Dispose();
    }

    private static List<string> Titles(IRenderedComponent<DwCatalog> catalog) => [.. catalog.FindAll("li.dw-tile h3").Select(h => h.TextContent.Trim())];

    private IRenderedComponent<DwCatalog> RenderCatalog()
    {
        _handler.Answer("GET /api/v1/catalog", HttpStatusCode.OK, CatalogJson);
        var catalog = _context.Render<DwCatalog>();
        catalog.WaitForAssertion(() => Assert.Equal(3, catalog.FindAll("li.dw-tile").Count));
        return catalog;
    }

    [Fact]
    public void Catalog_RendersTilesFromTheApi_AndFiltersBySearchAndCategory()
    {
        var catalog = RenderCatalog();

        Assert.Equal(["CRM access", "Design tool licence", "Analytics Pro"], Titles(catalog));
        var tiles = catalog.FindAll("li.dw-tile");
        Assert.Contains("Free", tiles[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Approved automatically", tiles[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Time-bound: access ends after at most 365 days.", tiles[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("12.00", tiles[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("Request CRM access", catalog.Find("li.dw-tile button.dw-tile-request").TextContent);

        catalog.Find("input[type=search]").Input("DESIGN");
        Assert.Equal(["Design tool licence"], Titles(catalog));
        Assert.Equal("1 item shown.", catalog.Find("[role=status]").TextContent);

        catalog.Find("input[type=search]").Input("dashboards"); // the description counts too
        Assert.Equal(["Analytics Pro"], Titles(catalog));

        catalog.Find("input[type=search]").Input("");
        catalog.FindAll("button.dw-chip").Single(b => b.TextContent == "Licences").Click();
        Assert.Equal(["Design tool licence", "Analytics Pro"], Titles(catalog));
        Assert.Equal("true", catalog.FindAll("button.dw-chip").Single(b => b.TextContent == "Licences").GetAttribute("aria-pressed"));
        Assert.Equal(["GET /api/v1/catalog"], _handler.Sent.Select(r => r.Route));
    }

    [Fact]
    public async Task SubmitClickedTwice_PostsOneRequestWithItsKey_ShowsTheResultAndTellsThePage()
    {
        var catalog = RenderCatalog();
        _handler.Answer("POST /api/v1/requests", HttpStatusCode.Created, PendingRequestJson);
        catalog.FindAll("button.dw-tile-request")[1].Click();
        Assert.Equal("Request Design tool licence", catalog.Find("[role=dialog] h3").TextContent);
        Assert.Equal("365", catalog.Find("[role=dialog] input[type=number]").GetAttribute("value"));
        catalog.Find("[role=dialog] textarea").Change("Campaign visuals");

        _handler.Gate = new TaskCompletionSource();
        var first = catalog.Find("[role=dialog] button.dw-button-primary").ClickAsync(new());
        catalog.WaitForAssertion(() => Assert.Equal("Working…", catalog.Find("[role=dialog] button.dw-button-primary").TextContent));
        await catalog.Find("[role=dialog] button.dw-button-primary").ClickAsync(new()); // while the first is under way: ignored
        _handler.Gate.SetResult();
        await first;
        catalog.WaitForAssertion(() => Assert.Contains("Your request is waiting for approval.", catalog.Find("[role=dialog]").TextContent, StringComparison.Ordinal));

        var post = Assert.Single(_handler.Sent, r => r.Route.StartsWith("POST ", StringComparison.Ordinal));
        Assert.Equal("POST /api/v1/requests", post.Route);
        Assert.Equal("""{"product":"design-tool","reason":"Campaign visuals","durationDays":365}""", post.Body);
        Assert.True(Guid.TryParse(post.IdempotencyKey, out _), post.IdempotencyKey);
        Assert.Equal("req-1", catalog.Find("[role=dialog] .dw-reference").TextContent);
        Assert.Equal(("dw-requested", new SelfServiceEvent("req-1", "design-tool", "pending-approval")), Assert.Single(_events.Dispatched));
    }

    [Fact]
    public void Submit_WithoutReason_MarksTheFieldAndSendsNothing()
    {
        var catalog = RenderCatalog();
        catalog.FindAll("button.dw-tile-request")[0].Click();

        catalog.Find("[role=dialog] button.dw-button-primary").Click();

        Assert.Equal("true", catalog.Find("[role=dialog] textarea").GetAttribute("aria-invalid"));
        Assert.Equal("Fill in this field.", catalog.Find("[role=dialog] .dw-error").TextContent);
        Assert.DoesNotContain(_handler.Sent, r => r.Route.StartsWith("POST ", StringComparison.Ordinal));
    }

    [Fact]
    public void ServerFieldError_IsShownOnItsField()
    {
        var catalog = RenderCatalog();
        _handler.Answer("POST /api/v1/requests", HttpStatusCode.BadRequest,
            """{"title":"The request is not valid.","status":400,"errorId":"DW1005","detail":"Ask for 1 to 365 days.","errors":{"/durationDays":["Ask for 1 to 365 days."]}}""");
        catalog.FindAll("button.dw-tile-request")[1].Click();
        catalog.Find("[role=dialog] textarea").Change("Campaign visuals");

        catalog.Find("[role=dialog] button.dw-button-primary").Click();

        catalog.WaitForAssertion(() => Assert.Equal("Ask for 1 to 365 days.", catalog.Find("[role=dialog] .dw-error").TextContent));
        Assert.Equal("true", catalog.Find("[role=dialog] input[type=number]").GetAttribute("aria-invalid"));
        Assert.Empty(_events.Dispatched);
    }

    [Fact]
    public void Escape_ClosesThePanel()
    {
        var catalog = RenderCatalog();
        catalog.FindAll("button.dw-tile-request")[0].Click();

        catalog.Find("[role=dialog]").KeyDown(new KeyboardEventArgs { Key = "Escape" });

        Assert.Empty(catalog.FindAll("[role=dialog]"));
    }

    private IRenderedComponent<DwApprovals> RenderApprovals(string? approval = null)
    {
        _handler.Answer("GET /api/v1/approvals", HttpStatusCode.OK, ApprovalsJson);
        var approvals = _context.Render<DwApprovals>(p => p.Add(c => c.Approval, approval));
        approvals.WaitForAssertion(() => approvals.Find("article"));
        return approvals;
    }

    [Fact]
    public void Deny_WithoutComment_IsRefusedBeforeAnythingIsSent()
    {
        var approvals = RenderApprovals();

        approvals.FindAll("article button").Single(b => b.TextContent.StartsWith("Deny", StringComparison.Ordinal)).Click();

        Assert.Equal("true", approvals.Find("article textarea").GetAttribute("aria-invalid"));
        Assert.Equal("Say why you deny this request.", approvals.Find("article .dw-error").TextContent);
        Assert.Equal(["GET /api/v1/approvals"], _handler.Sent.Select(r => r.Route));
        Assert.Empty(_events.Dispatched);
    }

    [Fact]
    public void Approve_AlreadyDecided_ShowsTheServersDetailInTheItem()
    {
        _handler.Answer("POST /api/v1/approvals/req-1.0/decision", HttpStatusCode.Conflict,
            """{"type":"urn:delegationwidgets:error:DW1026","title":"Already decided.","status":409,"errorId":"DW1026","detail":"Adam Admin approved this step on 2026-11-30 10:05 UTC."}""");
        var approvals = RenderApprovals();
        approvals.Find("article textarea").Change("Fine by me");

        approvals.FindAll("article button").Single(b => b.TextContent.StartsWith("Approve", StringComparison.Ordinal)).Click();

        approvals.WaitForAssertion(() => Assert.Equal("Adam Admin approved this step on 2026-11-30 10:05 UTC.", approvals.Find("article .dw-alert").TextContent));
        Assert.Single(approvals.FindAll("article"));
        Assert.Empty(approvals.FindAll("article button")); // decided elsewhere: nothing left to decide here
        var post = Assert.Single(_handler.Sent, r => r.Route.StartsWith("POST ", StringComparison.Ordinal));
        Assert.Equal("""{"approve":true,"comment":"Fine by me"}""", post.Body);
        Assert.Empty(_events.Dispatched);
    }

    [Fact]
    public void Approve_RemovesTheItemAndTellsThePage()
    {
        _handler.Answer("POST /api/v1/approvals/req-1.0/decision", HttpStatusCode.OK, PendingRequestJson.Replace("\"pending-approval\"", "\"fulfilled\"", StringComparison.Ordinal));
        var approvals = RenderApprovals(approval: "req-1.0");
        Assert.Equal("true", approvals.Find("article").GetAttribute("aria-current"));
        Assert.Single(approvals.FindAll("li.dw-item-highlight"));

        approvals.FindAll("article button").Single(b => b.TextContent.StartsWith("Approve", StringComparison.Ordinal)).Click();

        approvals.WaitForAssertion(() => Assert.Empty(approvals.FindAll("article")));
        Assert.Contains("Nothing is waiting for your approval.", approvals.Markup, StringComparison.Ordinal);
        Assert.Equal("Approved: Design tool licence.", approvals.Find("[role=status]").TextContent);
        Assert.Equal("""{"approve":true}""", Assert.Single(_handler.Sent, r => r.Route.StartsWith("POST ", StringComparison.Ordinal)).Body);
        Assert.Equal(("dw-approved", new SelfServiceEvent(RequestId: "req-1", ApprovalId: "req-1.0")), Assert.Single(_events.Dispatched));
    }

    private sealed record SentRequest(string Route, string? Body, string? IdempotencyKey);

    /// <summary>The API: answers per "METHOD /path?query", every request recorded; a POST waits for <see cref="Gate"/> when it is set.</summary>
    private sealed class FakeApiHandler : HttpMessageHandler
    {
        private readonly Dictionary<string, (HttpStatusCode Status, string Body)> _answers = new(StringComparer.Ordinal);

        public List<SentRequest> Sent { get; } = [];

        public TaskCompletionSource? Gate { get; set; }

        public void Answer(string route, HttpStatusCode status, string body) => _answers[route] = (status, body);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            var key = request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null;
            var route = $"{request.Method} {request.RequestUri!.PathAndQuery}";
            lock (Sent)
            {
                Sent.Add(new SentRequest(route, body, key));
            }

            if (request.Method == HttpMethod.Post && Gate is { } gate)
            {
                await gate.Task;
            }

            var (status, answer) = _answers.TryGetValue(route, out var found) ? found : (HttpStatusCode.NotFound, """{"title":"Not found.","status":404}""");
            return new HttpResponseMessage(status)
            {
                Content = new StringContent(answer, Encoding.UTF8, (int)status >= 400 ? "application/problem+json" : "application/json"),
            };
        }
    }

    private sealed class FakeEvents() : SelfServiceEvents(new ThrowingRuntime())
    {
        public List<(string Name, SelfServiceEvent Detail)> Dispatched { get; } = [];

        public override ValueTask DispatchAsync(ElementReference inside, string name, SelfServiceEvent detail)
        {
            Dispatched.Add((name, detail));
            return ValueTask.CompletedTask;
        }
    }

    private sealed class FakeHost() : WidgetHost(new ThrowingRuntime())
    {
        public override ValueTask<HostContext> ContextAsync() => ValueTask.FromResult(new HostContext(null, null, null, null));

        public override ValueTask FocusAsync(string id) => ValueTask.CompletedTask;
    }

    private sealed class ThrowingRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => throw new InvalidOperationException("Not in a browser: " + identifier);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => InvokeAsync<TValue>(identifier, args);
    }
}
