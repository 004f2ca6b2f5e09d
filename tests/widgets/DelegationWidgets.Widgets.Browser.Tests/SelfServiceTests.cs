using System.Text.Json;
using Microsoft.Playwright;

namespace DelegationWidgets.Widgets.Browser.Tests;

/// <summary>
/// &lt;dw-catalog&gt;, &lt;dw-requests&gt; and &lt;dw-approvals&gt; on pages the tests write, against the real API with the demo data:
/// Emma Employee requests an automatically approved product and one her manager approves, Maria Manager approves it, and Emma
/// sees both fulfilled with their timelines. One test, in order: the steps share the host's database.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class SelfServiceTests(BrowserFixture browser)
{
    private const string Widgets = "dw-catalog, dw-requests, dw-approvals";

    /// <summary>Records the event in <c>window.dwTest.events</c> (the test bridge records only the form's).</summary>
    private static async Task RecordAsync(IPage tab, string name) =>
        await tab.EvaluateAsync("name => document.addEventListener(name, e => window.dwTest.events.push({ name: e.type, on: e.target.tagName, detail: e.detail }))", name);

    private static async Task<JsonElement> EventsAsync(IPage tab, string name) =>
        JsonDocument.Parse(await tab.EvaluateAsync<string>("name => JSON.stringify(window.dwTest.events.filter(e => e.name === name))", name)).RootElement;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 150; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("Timed out waiting until " + what);
    }

    /// <summary>Waits for the locator to be visible; on timeout, says what the widgets show instead.</summary>
    private static async Task ShownAsync(ILocator locator)
    {
        try
        {
            await locator.WaitForAsync(BrowserFixture.Visible);
        }
        catch (TimeoutException e)
        {
            var shown = await locator.Page.EvaluateAsync<string>($"() => [...document.querySelectorAll('{Widgets}')].map(e => e.innerText).join('\\n---\\n')");
            throw new TimeoutException($"{locator} did not appear. The widgets show:\n{shown}", e);
        }
    }

    private static Task<bool> FocusedAsync(ILocator locator) => locator.EvaluateAsync<bool>("e => e === document.activeElement");

    [Fact]
    public async Task EmployeeRequests_AutomaticAndManagerApproved_BothEndFulfilledWithTheirTimelines()
    {
        var catalog = browser.TestPage("/self-service-catalog.html", "<dw-catalog></dw-catalog>", "data-persona=\"employee\"");
        var requests = browser.TestPage("/self-service-requests.html", "<dw-requests></dw-requests>", "data-persona=\"employee\"");
        var approvals = browser.TestPage("/self-service-approvals.html", "<dw-approvals></dw-approvals>", "data-persona=\"manager\"");

        // CRM access approves itself: fulfilled at once; the timeline names the rule that approved it. Maria asks for it
        // (she already has it, so the directory other tests read stays as seeded; Emma's groups are checked elsewhere).
        var managerCatalog = browser.TestPage("/self-service-catalog-manager.html", "<dw-catalog></dw-catalog>", "data-persona=\"manager\"");
        var managerRequests = browser.TestPage("/self-service-requests-manager.html", "<dw-requests></dw-requests>", "data-persona=\"manager\"");
        var crm = await RequestAsync(managerCatalog, "CRM access", "Working with the sales team on key accounts", "Your request is fulfilled", checkPanel: true);
        Assert.Equal("fulfilled", crm.Status);
        var (crmSteps, rule) = await TimelineAsync(managerRequests, "CRM access", "Fulfilled");
        Assert.Contains("Approved automatically", crmSteps, StringComparison.Ordinal);
        Assert.StartsWith("Rule: ", rule, StringComparison.Ordinal);
        Assert.True(rule!.Length > "Rule: ".Length, rule);

        // The design tool needs the manager: waiting for approval.
        const string reason = "Campaign visuals for the autumn launch";
        var design = await RequestAsync(catalog, "Design tool licence", reason, "Your request is waiting for approval", checkPanel: false);
        Assert.Equal("pending-approval", design.Status);

        // Maria Manager approves it with a comment: it leaves her list and her page hears of it.
        await ApproveAsync(approvals, reason, "Enjoy the licence", design.RequestId);

        // Emma sees it fulfilled, with Maria's decision and comment in the timeline.
        var (steps, _) = await TimelineAsync(requests, "Design tool licence", "Fulfilled");
        Assert.Contains("Approved by Maria Manager", steps, StringComparison.Ordinal);
        Assert.Contains("Enjoy the licence", steps, StringComparison.Ordinal);
    }

    /// <summary>Requests the product from the catalog with a reason (Submit double-clicked) and returns what the page heard.</summary>
    private async Task<(string RequestId, string Status)> RequestAsync(Uri page, string product, string reason, string result, bool checkPanel)
    {
        var (context, tab, console) = await browser.OpenAsync(page);
        await using var _c = context;
        var widget = tab.Locator("dw-catalog");
        var tile = widget.GetByRole(AriaRole.Button, new() { Name = "Request " + product, Exact = true });
        await ShownAsync(tile);
        await RecordAsync(tab, "dw-requested");

        await tile.ClickAsync();
        var panel = widget.GetByRole(AriaRole.Dialog, new() { Name = "Request " + product });
        await ShownAsync(panel);
        var title = panel.GetByRole(AriaRole.Heading, new() { Name = "Request " + product });
        await WaitUntilAsync(() => FocusedAsync(title), "focus moved into the request panel");
        if (checkPanel)
        {
            await BrowserFixture.NoSeriousAxeViolationsAsync(widget, "catalog with the request panel");
            // Escape closes the panel and gives focus back to the tile it came from.
            await tab.Keyboard.PressAsync("Escape");
            await panel.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 10_000 });
            await WaitUntilAsync(() => FocusedAsync(tile), "focus returned to the tile");
            await tile.ClickAsync();
            await ShownAsync(panel);
        }

        await panel.GetByLabel("Reason *").FillAsync(reason);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Submit request" }).DblClickAsync();

        await ShownAsync(panel.GetByText(result));
        var reference = (await panel.Locator(".dw-reference").InnerTextAsync()).Trim();
        await WaitUntilAsync(async () => (await EventsAsync(tab, "dw-requested")).GetArrayLength() > 0, "dw-requested arrived");
        var events = await EventsAsync(tab, "dw-requested");
        Assert.Equal(1, events.GetArrayLength()); // a double click requests once
        var detail = events[0].GetProperty("detail");
        Assert.Equal("DW-CATALOG", events[0].GetProperty("on").GetString());
        Assert.Equal(reference, detail.GetProperty("requestId").GetString());
        Assert.Equal(ProductId(product), detail.GetProperty("productId").GetString());
        Assert.DoesNotContain(console, line => line.StartsWith("pageerror", StringComparison.Ordinal));
        return (reference, detail.GetProperty("status").GetString()!);
    }

    private static string ProductId(string product) => product switch
    {
        "CRM access" => "crm-access",
        "Design tool licence" => "design-tool",
        _ => throw new ArgumentOutOfRangeException(nameof(product), product, "Not a product of this test."),
    };

    /// <summary>
    /// Opens the requests page, checks the product's status badge (reloading while it is not there yet), expands it and returns
    /// the timeline's text and its first rule.
    /// </summary>
    private async Task<(string Steps, string? Rule)> TimelineAsync(Uri page, string product, string status)
    {
        var (context, tab, _) = await browser.OpenAsync(page);
        await using var _c = context;
        var widget = tab.Locator("dw-requests");
        var toggle = widget.GetByRole(AriaRole.Button, new() { Name = product, Exact = true });
        var item = widget.Locator("li.dw-item").Filter(new() { Has = tab.GetByRole(AriaRole.Button, new() { Name = product, Exact = true }) });
        for (var attempt = 0; ; attempt++)
        {
            await ShownAsync(toggle);
            var shown = (await item.Locator(".dw-item-head .dw-badge").InnerTextAsync()).Trim();
            if (shown == status || attempt == 10)
            {
                Assert.Equal(status, shown);
                break;
            }

            await Task.Delay(500);
            await tab.ReloadAsync();
        }

        await toggle.ClickAsync();
        var timeline = item.GetByRole(AriaRole.List, new() { Name = "Timeline" });
        await ShownAsync(timeline);
        Assert.Equal("true", await toggle.GetAttributeAsync("aria-expanded"));
        await BrowserFixture.NoSeriousAxeViolationsAsync(widget, "requests with a timeline");
        var rules = timeline.Locator(".dw-step-rule");
        return (await timeline.InnerTextAsync(), await rules.CountAsync() > 0 ? await rules.First.InnerTextAsync() : null);
    }

    /// <summary>Opens the approvals page as the manager, approves the request with that reason, and checks it left and the page heard.</summary>
    private async Task ApproveAsync(Uri page, string reason, string comment, string requestId)
    {
        var (context, tab, _) = await browser.OpenAsync(page);
        await using var _c = context;
        var widget = tab.Locator("dw-approvals");
        var item = widget.Locator("article").Filter(new() { HasText = reason });
        await ShownAsync(item);
        await RecordAsync(tab, "dw-approved");
        await RecordAsync(tab, "dw-denied");
        var facts = await item.InnerTextAsync();
        Assert.Contains("Design tool licence", facts, StringComparison.Ordinal);
        Assert.Contains("Emma Employee", facts, StringComparison.Ordinal);
        Assert.Contains("Manager approval", facts, StringComparison.Ordinal);
        await BrowserFixture.NoSeriousAxeViolationsAsync(widget, "approvals");

        await item.GetByLabel("Comment").FillAsync(comment);
        await item.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        await item.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 30_000 });
        await WaitUntilAsync(async () => (await EventsAsync(tab, "dw-approved")).GetArrayLength() > 0, "dw-approved arrived");
        var approved = await EventsAsync(tab, "dw-approved");
        Assert.Equal(requestId, approved[0].GetProperty("detail").GetProperty("requestId").GetString());
        Assert.False(string.IsNullOrEmpty(approved[0].GetProperty("detail").GetProperty("approvalId").GetString()));
        Assert.Equal(0, (await EventsAsync(tab, "dw-denied")).GetArrayLength());
    }

    [Fact]
    public async Task DutchEmployee_FillsTheProductsOwnFields_AndSeesThemInHerRequest_AllInDutch()
    {
        var catalogPage = browser.TestPage("/self-service-catalog-nl.html", "<dw-catalog lang=\"nl\"></dw-catalog>", "data-persona=\"employee\"");
        var requestsPage = browser.TestPage("/self-service-requests-nl.html", "<dw-requests lang=\"nl\"></dw-requests>", "data-persona=\"employee\"");
        const string product = "Bedrijfshulpverleningsteam";

        var (context, tab, console) = await browser.OpenAsync(catalogPage);
        await using (context)
        {
            var widget = tab.Locator("dw-catalog");
            var tile = widget.GetByRole(AriaRole.Button, new() { Name = "Aanvragen " + product, Exact = true });
            await ShownAsync(tile);
            Assert.Contains("Teams", await widget.InnerTextAsync(), StringComparison.Ordinal);
            await tile.ClickAsync();
            var panel = widget.GetByRole(AriaRole.Dialog, new() { Name = product + " aanvragen" });
            await ShownAsync(panel);
            var mobile = panel.GetByLabel("Mobiel nummer voor oproepen *");
            await ShownAsync(mobile);
            await ShownAsync(panel.GetByLabel("Ik heb een EHBO-diploma"));

            // The required field left empty: refused in the widget, in Dutch, with focus on it.
            await panel.GetByLabel("Reden *").FillAsync("Ik wil het BHV-team versterken");
            await panel.GetByRole(AriaRole.Button, new() { Name = "Aanvraag indienen" }).ClickAsync();
            await ShownAsync(panel.GetByText("Vul dit veld in."));
            await WaitUntilAsync(() => FocusedAsync(mobile), "focus moved to the empty mobile number");

            // A number the schema's pattern refuses: refused on the field, in Dutch.
            await mobile.FillAsync("06-bel-mij");
            await panel.GetByRole(AriaRole.Button, new() { Name = "Aanvraag indienen" }).ClickAsync();
            await ShownAsync(panel.GetByText("Deze waarde heeft niet de juiste vorm."));
            Assert.Equal("true", await mobile.GetAttributeAsync("aria-invalid"));

            // Corrected, the message goes while typing: the box right below does not move when the pointer goes to it.
            await mobile.FillAsync("+31 6 1234 5678");
            await WaitUntilAsync(async () => await mobile.GetAttributeAsync("aria-invalid") is null, "the mobile number no longer marked invalid");
            await panel.GetByLabel("Ik heb een EHBO-diploma").CheckAsync();
            await panel.GetByRole(AriaRole.Button, new() { Name = "Aanvraag indienen" }).ClickAsync();
            await ShownAsync(panel.GetByText("Uw aanvraag wacht op goedkeuring."));
            await BrowserFixture.NoSeriousAxeViolationsAsync(widget, "Dutch catalog with product fields");
            Assert.DoesNotContain(console, line => line.StartsWith("pageerror", StringComparison.Ordinal));
        }

        var (requestsContext, requestsTab, _) = await browser.OpenAsync(requestsPage);
        await using (requestsContext)
        {
            var widget = requestsTab.Locator("dw-requests");
            var toggle = widget.GetByRole(AriaRole.Button, new() { Name = product, Exact = true });
            await ShownAsync(toggle);
            await toggle.ClickAsync();
            var item = widget.Locator("li.dw-item").Filter(new() { Has = requestsTab.GetByRole(AriaRole.Button, new() { Name = product, Exact = true }) });
            await ShownAsync(item.GetByRole(AriaRole.List, new() { Name = "Verloop" }));
            var text = await item.InnerTextAsync();
            Assert.Contains("Mobiel nummer voor oproepen", text, StringComparison.Ordinal);
            Assert.Contains("+31 6 1234 5678", text, StringComparison.Ordinal);
            var firstAid = item.Locator("div.dw-request-detail").Filter(new() { HasText = "Ik heb een EHBO-diploma" }).Locator("dd");
            Assert.Equal("ja", (await firstAid.InnerTextAsync()).Trim());
            Assert.Contains("Goedkeuring door HR", text, StringComparison.Ordinal);
            await BrowserFixture.NoSeriousAxeViolationsAsync(widget, "Dutch requests with details");
        }
    }

    [Fact]
    public async Task ApprovalsPage_OpenedFromAMailLink_PassesTheLinkedApprovalToTheWidget()
    {
        var page = browser.TestPage("/self-service-approvals-linked.html", "<dw-approvals></dw-approvals>", "data-persona=\"manager\"");
        var (context, tab, _) = await browser.OpenAsync(new Uri(page, "?approval=0f1e2d3c.1&decision=approve"));
        await using var _c = context;

        await tab.WaitForFunctionAsync("() => document.querySelector('dw-approvals').getAttribute('approval') === '0f1e2d3c.1'");

        Assert.Equal("0f1e2d3c.1", await tab.Locator("dw-approvals").GetAttributeAsync("approval"));
    }
}
