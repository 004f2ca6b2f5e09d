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
/// &lt;dw-catalog&gt;, &lt;dw-requests&gt; and &lt;dw-approvals&gt; rendered by bUnit against a recording HTTP handler (the exact requests sent: method,
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

    /// <summary>A product without fields (as the server sends it: <c>form</c> null) and the two demo products with request fields.</summary>
    private const string FormsCatalogJson = """
        [
          { "id": "crm-access", "version": 1, "title": "CRM access", "description": null, "icon": "app",
            "category": "Applications", "cost": 0, "risk": "low", "maxDurationDays": null, "onBehalfOfDirectReports": true, "approval": "Approved automatically",
            "form": null },
          { "id": "servicedesk-mailbox", "version": 1, "title": "Service desk mailbox", "description": null, "icon": "mailbox",
            "category": "Mail", "cost": 0, "risk": "medium", "maxDurationDays": null, "onBehalfOfDirectReports": true, "approval": "The mailbox owner approves",
            "form": {
              "schema": { "type": "object", "additionalProperties": false, "required": ["permission"], "properties": {
                "permission": { "type": "string", "title": "Access", "oneOf": [ { "const": "FullAccess", "title": "Read and answer (full access)" },
                  { "const": "SendAs", "title": "Send as the mailbox" } ], "default": "FullAccess" } } },
              "uiSchema": { "fields": { "permission": { "widget": "radio" } } } } },
          { "id": "emergency-response", "version": 3, "title": "Emergency response team", "description": null, "icon": "shield",
            "category": "Teams", "cost": 0, "risk": "high", "maxDurationDays": 90, "onBehalfOfDirectReports": false, "approval": "Your manager, then the team lead",
            "form": {
              "schema": { "type": "object", "additionalProperties": false, "required": ["mobile"], "properties": {
                "mobile": { "type": "string", "title": "Mobile number for call-outs", "pattern": "^\\+?[0-9 ]{8,20}$", "maxLength": 20 },
                "firstAid": { "type": "boolean", "title": "I hold a first-aid certificate" } } },
              "uiSchema": {} } }
        ]
        """;

    private const string RequestWithDetailsJson = """
        { "id": "req-7", "productId": "servicedesk-mailbox", "productTitle": "Service desk mailbox",
          "requester": { "subject": "emma.employee", "name": "Emma Employee", "issuer": "dev", "roles": ["employee"] },
          "beneficiary": "emma.employee", "reason": "Cover during the holidays", "status": "pending-approval",
          "createdAt": "2026-11-30T10:00:00Z", "fulfilledAt": null, "expiresAt": null, "extends": null,
          "timeline": [ { "step": "owner", "title": "Mailbox owner approval", "status": "pending", "rule": null, "decisions": [],
                          "createdAt": "2026-11-30T10:00:00Z", "decidedAt": null, "dueAt": "2026-12-03T10:00:00Z" } ],
          "error": null,
          "details": [ { "field": "/permission", "label": "Access", "value": "Send as the mailbox" } ] }
        """;

    private const string ApprovalsWithDetailsJson = """
        [ { "id": "req-9.0", "requestId": "req-9", "productTitle": "Emergency response team", "requesterName": "Emma Employee", "beneficiary": "emma.employee",
            "reason": "On call for the north region", "cost": 0, "risk": "high", "step": "Manager approval", "createdAt": "2026-11-30T10:00:00Z", "dueAt": null,
            "details": [ { "field": "/mobile", "label": "Mobile number for call-outs", "value": "+31 6 1234 5678" },
                         { "field": "/firstAid", "label": "I hold a first-aid certificate", "value": "Yes" } ] } ]
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

    private IRenderedComponent<DwCatalog> RenderCatalog(string catalogJson = CatalogJson)
    {
        _handler.Answer("GET /api/v1/catalog", HttpStatusCode.OK, catalogJson);
        var catalog = _context.Render<DwCatalog>();
        catalog.WaitForAssertion(() => Assert.Equal(3, catalog.FindAll("li.dw-tile").Count));
        return catalog;
    }

    /// <summary>Opens the request panel of the product with this title.</summary>
    private static void OpenProduct(IRenderedComponent<DwCatalog> catalog, string title) =>
        catalog.FindAll("button.dw-tile-request").Single(b => b.TextContent == "Request " + title).Click();

    private static void Submit(IRenderedComponent<DwCatalog> catalog) => catalog.Find("[role=dialog] button.dw-button-primary").Click();

    private List<SentRequest> Posts() => [.. _handler.Sent.Where(r => r.Route.StartsWith("POST ", StringComparison.Ordinal))];

    [Fact]
    public void EachWidget_AsksTheServerForItsTextsInTheWidgetsLanguage()
    {
        _handler.Answer("GET /api/v1/catalog", HttpStatusCode.OK, CatalogJson);
        _handler.Answer("GET /api/v1/approvals", HttpStatusCode.OK, "[]");
        _handler.Answer("GET /api/v1/requests?mine=true", HttpStatusCode.OK, "[]");

        var dutch = _context.Render<DwCatalog>(p => p.Add(c => c.Lang, "nl"));
        dutch.WaitForAssertion(() => Assert.Equal(3, dutch.FindAll("li.dw-tile").Count));
        var approvals = _context.Render<DwApprovals>(p => p.Add(c => c.Lang, "nl"));
        var requests = _context.Render<DwRequests>();
        requests.WaitForAssertion(() => Assert.Equal(3, _handler.Sent.Count));

        Assert.Equal(
            [("GET /api/v1/catalog", "nl"), ("GET /api/v1/approvals", "nl"), ("GET /api/v1/requests?mine=true", "en")],
            _handler.Sent.Select(r => (r.Route, r.Language)));
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

    [Fact]
    public void ProductWithFields_RendersThemWithTheFormsEditorsBetweenForWhomAndReason()
    {
        var catalog = RenderCatalog(FormsCatalogJson);

        OpenProduct(catalog, "Service desk mailbox");

        var panel = catalog.Find("[role=dialog]");
        var access = panel.QuerySelector(".dw-product-fields fieldset")!;
        Assert.Equal("Access *", access.QuerySelector("legend")!.TextContent);
        var radios = access.QuerySelectorAll("input[type=radio]");
        Assert.Equal(["Read and answer (full access)", "Send as the mailbox"], radios.Select(r => panel.QuerySelector($"label[for='{r.Id}']")!.TextContent));
        Assert.True(radios[0].HasAttribute("checked")); // the schema's default
        Assert.False(radios[1].HasAttribute("checked"));
        var ids = panel.QuerySelectorAll("input, textarea, fieldset").Select(e => e.Id ?? "").ToList();
        Assert.True(ids.FindIndex(i => i.EndsWith("-report", StringComparison.Ordinal)) < ids.IndexOf(access.Id ?? "-"), string.Join(", ", ids));
        Assert.True(ids.IndexOf(access.Id ?? "-") < ids.FindIndex(i => i.EndsWith("-reason", StringComparison.Ordinal)), string.Join(", ", ids));

        OpenProduct(catalog, "CRM access");

        Assert.Empty(catalog.FindAll("[role=dialog] .dw-product-fields"));
    }

    [Fact]
    public void Submit_ProductWithFields_SendsTheirValuesAsData()
    {
        var catalog = RenderCatalog(FormsCatalogJson);
        _handler.Answer("POST /api/v1/requests", HttpStatusCode.Created, PendingRequestJson);
        OpenProduct(catalog, "Emergency response team");
        var mobile = catalog.FindAll("[role=dialog] label").Single(l => l.TextContent == "Mobile number for call-outs *").GetAttribute("for");
        Assert.Equal("true", catalog.Find($"#{mobile}").GetAttribute("aria-required"));

        catalog.Find($"#{mobile}").Change("+31 6 1234 5678");
        catalog.Find("[role=dialog] input[type=checkbox]").Change(true);
        catalog.Find("[role=dialog] textarea").Change("On call for the north region");
        Submit(catalog);

        catalog.WaitForAssertion(() => Assert.Contains("Your request is waiting for approval.", catalog.Find("[role=dialog]").TextContent, StringComparison.Ordinal));
        var post = Assert.Single(Posts());
        Assert.Equal("POST /api/v1/requests", post.Route);
        // The default JSON encoder writes + as \u002B: the same string to any JSON reader.
        Assert.Equal("""{"product":"emergency-response","reason":"On call for the north region","durationDays":90,"data":{"mobile":"\u002B31 6 1234 5678","firstAid":true}}""", post.Body);
    }

    [Fact]
    public void FieldWithAMessage_LosesItWhileTyping_NotOnlyWhenLeft()
    {
        var catalog = RenderCatalog(FormsCatalogJson);
        OpenProduct(catalog, "Emergency response team");
        var mobile = catalog.FindAll("[role=dialog] label").Single(l => l.TextContent == "Mobile number for call-outs *").GetAttribute("for");
        catalog.Find("[role=dialog] textarea").Change("On call for the north region");
        Submit(catalog);
        Assert.Equal("true", catalog.Find($"#{mobile}").GetAttribute("aria-invalid"));

        catalog.Find($"#{mobile}").Input("+31 6");
        Assert.Equal("true", catalog.Find($"#{mobile}").GetAttribute("aria-invalid"));
        catalog.Find($"#{mobile}").Input("+31 6 1234 5678");

        Assert.Null(catalog.Find($"#{mobile}").GetAttribute("aria-invalid"));
        Assert.Empty(catalog.FindAll($"#{mobile}-error"));
        Assert.Empty(Posts());
    }

    [Fact]
    public void Submit_ProductWithFields_SendsTheDefaultOrTheChosenOption()
    {
        var catalog = RenderCatalog(FormsCatalogJson);
        _handler.Answer("POST /api/v1/requests", HttpStatusCode.Created, PendingRequestJson);
        OpenProduct(catalog, "Service desk mailbox");

        catalog.FindAll("[role=dialog] .dw-product-fields input[type=radio]")[1].Change(true); // Send as the mailbox
        catalog.Find("[role=dialog] textarea").Change("Cover during the holidays");
        Submit(catalog);

        catalog.WaitForAssertion(() => Assert.Single(Posts()));
        Assert.Equal("""{"product":"servicedesk-mailbox","reason":"Cover during the holidays","data":{"permission":"SendAs"}}""", Posts()[0].Body);
    }

    [Fact]
    public void Submit_RequiredProductFieldEmpty_IsRefusedWithoutARequestAndFocusesIt()
    {
        var catalog = RenderCatalog(FormsCatalogJson);
        OpenProduct(catalog, "Emergency response team");
        catalog.Find("[role=dialog] textarea").Change("On call for the north region");

        Submit(catalog);

        var mobile = catalog.Find("[role=dialog] .dw-product-fields input[type=text]");
        Assert.Equal("true", mobile.GetAttribute("aria-invalid"));
        Assert.Equal($"{mobile.Id}-error", mobile.GetAttribute("aria-describedby"));
        Assert.Equal("Fill in this field.", catalog.Find($"#{mobile.Id}-error").TextContent);
        Assert.Single(catalog.FindAll("[role=dialog] .dw-error"));
        Assert.Equal("Correct the marked fields. 1 field needs attention.", catalog.Find("[role=status]").TextContent);
        Assert.Equal(mobile.Id, _host.Focused[^1]);
        Assert.Empty(Posts());

        catalog.Find($"#{mobile.Id}").Change("call me"); // once Submit was pressed, the messages follow the fields
        Assert.Equal("This value does not have the expected form.", catalog.Find($"#{mobile.Id}-error").TextContent);
        Submit(catalog);
        Assert.Empty(Posts());
    }

    [Fact]
    public void ServerError_OnAProductField_IsShownOnThatField()
    {
        var catalog = RenderCatalog(FormsCatalogJson);
        _handler.Answer("POST /api/v1/requests", HttpStatusCode.BadRequest,
            """{"title":"The request is not valid.","status":400,"errorId":"DW1005","detail":"One or more values are not valid.","errors":{"/data/mobile":["This number cannot be reached."]}}""");
        OpenProduct(catalog, "Emergency response team");
        var mobile = catalog.Find("[role=dialog] .dw-product-fields input[type=text]");
        mobile.Change("+31 6 1234 5678");
        catalog.Find("[role=dialog] textarea").Change("On call for the north region");

        Submit(catalog);

        catalog.WaitForAssertion(() => Assert.Equal("This number cannot be reached.", catalog.Find($"#{mobile.Id}-error").TextContent));
        Assert.Equal("true", catalog.Find($"#{mobile.Id}").GetAttribute("aria-invalid"));
        Assert.Equal("Correct the marked fields.", catalog.Find("[role=dialog] [role=alert]").TextContent);
        catalog.WaitForAssertion(() => Assert.Equal(mobile.Id, _host.Focused[^1]));
        Assert.Single(Posts());
        Assert.Empty(_events.Dispatched);
    }

    [Fact]
    public void ProductWithoutFields_SendsNoData_AndOpeningAnotherProductResetsTheFields()
    {
        var catalog = RenderCatalog(FormsCatalogJson);
        _handler.Answer("POST /api/v1/requests", HttpStatusCode.Created, PendingRequestJson);
        OpenProduct(catalog, "Emergency response team");
        catalog.Find("[role=dialog] .dw-product-fields input[type=text]").Change("+31 6 1234 5678");

        OpenProduct(catalog, "CRM access");
        catalog.Find("[role=dialog] textarea").Change("Sales pipeline");
        Submit(catalog);

        catalog.WaitForAssertion(() => Assert.Single(Posts()));
        Assert.Equal("""{"product":"crm-access","reason":"Sales pipeline"}""", Posts()[0].Body);

        OpenProduct(catalog, "Emergency response team");
        Assert.Equal("", catalog.Find("[role=dialog] .dw-product-fields input[type=text]").GetAttribute("value") ?? "");
        Assert.False(catalog.Find("[role=dialog] input[type=checkbox]").HasAttribute("checked"));
    }

    [Fact]
    public void Requests_ExpandedRequest_ShowsWhatWasAskedAndItsTimeline()
    {
        _handler.Answer("GET /api/v1/requests?mine=true", HttpStatusCode.OK, "[" + RequestWithDetailsJson + "]");
        _handler.Answer("GET /api/v1/requests/req-7", HttpStatusCode.OK, RequestWithDetailsJson);
        var requests = _context.Render<DwRequests>();
        requests.WaitForAssertion(() => requests.Find("button.dw-disclosure"));

        requests.Find("button.dw-disclosure").Click();

        requests.WaitForAssertion(() => requests.Find(".dw-details .dw-timeline"));
        var facts = requests.Find(".dw-details dl.dw-facts");
        Assert.Equal(["Access", "Reason"], facts.QuerySelectorAll("dt").Select(d => d.TextContent));
        Assert.Equal(["Send as the mailbox", "Cover during the holidays"], facts.QuerySelectorAll("dd").Select(d => d.TextContent));
        Assert.Single(facts.QuerySelectorAll("div.dw-request-detail"));
        Assert.Equal(["GET /api/v1/requests?mine=true", "GET /api/v1/requests/req-7"], _handler.Sent.Select(r => r.Route));
    }

    [Fact]
    public void Timeline_NamesTheApproverADeputyDecidedFor()
    {
        var decided = RequestWithDetailsJson
            .Replace("\"status\": \"pending\", \"rule\": null, \"decisions\": []",
                "\"status\": \"approved\", \"rule\": null, \"decisions\": [ { \"approver\": \"adam.admin\", \"approverName\": \"Adam Admin\", \"approve\": true, \"comment\": null, \"at\": \"2026-12-01T09:00:00Z\", \"onBehalfOf\": \"thomas.visser\" } ]",
                StringComparison.Ordinal);
        Assert.NotEqual(RequestWithDetailsJson, decided);
        _handler.Answer("GET /api/v1/requests?mine=true", HttpStatusCode.OK, "[" + decided + "]");
        _handler.Answer("GET /api/v1/requests/req-7", HttpStatusCode.OK, decided);
        var requests = _context.Render<DwRequests>(p => p.Add(c => c.Lang, "nl"));
        requests.WaitForAssertion(() => requests.Find("button.dw-disclosure"));

        requests.Find("button.dw-disclosure").Click();

        requests.WaitForAssertion(() => Assert.StartsWith("Goedgekeurd door Adam Admin (vervanger van thomas.visser),",
            requests.Find(".dw-decision").TextContent.Trim(), StringComparison.Ordinal));
    }

    [Fact]
    public void Approvals_ShowWhatExactlyIsAsked()
    {
        var approvals = RenderApprovals(json: ApprovalsWithDetailsJson);

        var details = approvals.FindAll("article dl.dw-facts div.dw-request-detail");

        Assert.Equal(["Mobile number for call-outs: +31 6 1234 5678", "I hold a first-aid certificate: Yes"],
            details.Select(d => $"{d.QuerySelector("dt")!.TextContent}: {d.QuerySelector("dd")!.TextContent}"));
    }

    [Fact]
    public void Approvals_WithoutDetails_ShowNone()
    {
        var approvals = RenderApprovals();

        Assert.Empty(approvals.FindAll("article .dw-request-detail"));
        Assert.Contains("Campaign visuals", approvals.Find("article dl.dw-facts").TextContent, StringComparison.Ordinal);
    }

    private IRenderedComponent<DwApprovals> RenderApprovals(string? approval = null, string json = ApprovalsJson)
    {
        _handler.Answer("GET /api/v1/approvals", HttpStatusCode.OK, json);
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

    private sealed record SentRequest(string Route, string? Body, string? IdempotencyKey, string? Language = null);

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
            var language = request.Headers.AcceptLanguage.Count > 0 ? request.Headers.AcceptLanguage.ToString() : null;
            lock (Sent)
            {
                Sent.Add(new SentRequest(route, body, key, language));
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

        /// <summary>The ids focused, in order.</summary>
        public List<string> Focused { get; } = [];

        public override ValueTask FocusAsync(string id)
        {
            Focused.Add(id);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class ThrowingRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => throw new InvalidOperationException("Not in a browser: " + identifier);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => InvokeAsync<TValue>(identifier, args);
    }
}
