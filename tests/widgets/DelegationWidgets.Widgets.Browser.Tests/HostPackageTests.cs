using System.Net;
using DelegationWidgets.Testing;
using Microsoft.Playwright;

namespace DelegationWidgets.Widgets.Browser.Tests;

/// <summary>
/// The pages the host packages put the widgets on: the TOPdesk launch page the API serves itself; the ServiceNow widget's
/// own client controller and link function on a portal-like page; the SharePoint web part's page bridge under
/// SharePoint's script policy. The last two run on another origin than the API, with development tokens standing in for
/// the ServiceNow-minted and the Entra tokens.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class HostPackageTests(BrowserFixture browser)
{
    [Fact]
    public async Task TopdeskLaunchPage_OpenedFromAnIncident_ShowsTheFormAndTheTrailForThatIncidentInDutch()
    {
        var (context, tab, console) = await browser.OpenAsync(new Uri(browser.Host.BaseAddress, "hosts/topdesk?incident=I2611-777&form=unlock-account&persona=agent"));
        await using var _ = context;

        await tab.GetByRole(AriaRole.Heading, new() { Name = "Melding I2611-777" }).WaitForAsync(BrowserFixture.Visible);
        await tab.Locator("dw-form").GetByRole(AriaRole.Button, new() { Name = "Voorbeeld bekijken" }).WaitForAsync(BrowserFixture.Visible);

        Assert.Equal("I2611-777", await tab.Locator("dw-form").GetAttributeAsync("ticket"));
        Assert.Equal("I2611-777", await tab.Locator("dw-audit").GetAttributeAsync("ticket"));
        Assert.True(!console.Exists(l => l.StartsWith("error", StringComparison.Ordinal)), string.Join("\n", console));
        await BrowserFixture.NoSeriousAxeViolationsAsync(tab.Locator("body"), "TOPdesk launch page");
    }

    [Fact]
    public async Task TopdeskLaunchPage_WithoutAnIncident_SaysHowToOpenIt_AndTheIncidentIsNeverHtml()
    {
        var (context, tab, _) = await browser.OpenAsync(new Uri(browser.Host.BaseAddress, "hosts/topdesk?incident=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"));
        await using var _c = context;

        await tab.GetByRole(AriaRole.Status).GetByText("Open deze pagina vanuit een TOPdesk-melding", new() { Exact = false }).WaitForAsync(BrowserFixture.Visible);

        Assert.Equal(0, await tab.Locator("img").CountAsync());
        Assert.True(await tab.Locator("#widgets").IsHiddenAsync());
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(browser.Host.BaseAddress, "hosts/topdesk"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self' 'wasm-unsafe-eval'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceNowWidget_ClientControllerAndLinkFunction_ShowTheFormForTheIncidentWithATokenFromTheServerScript()
    {
        var root = Path.Combine(RepositoryPaths.Root, "integrations", "DelegationWidgets.ServiceNow");
        string Read(string file) => File.ReadAllText(Path.Combine(root, file));
        browser.TestPages.Add("/servicenow/browser/servicenow-widget-page.js", Read("browser/servicenow-widget-page.js"));
        browser.TestPages.Add("/servicenow/src/widget/client_script.js", Read("src/widget/client_script.js"));
        browser.TestPages.Add("/servicenow/src/widget/link.js", Read("src/widget/link.js"));
        var page = browser.TestPages.Add("/servicenow/browser/servicenow-widget-page.html",
            Read("browser/servicenow-widget-page.html").Replace("{{api}}", browser.Host.BaseAddress.ToString(), StringComparison.Ordinal),
            PageServer.StrictCsp(browser.Host.BaseAddress));
        var (context, tab, console) = await browser.OpenAsync(page);
        await using var _ = context;

        await tab.Locator("dw-form").GetByRole(AriaRole.Heading, new() { Name = "Reset password" }).WaitForAsync(BrowserFixture.Visible);

        Assert.Equal("INC0012345", await tab.Locator("dw-form").GetAttributeAsync("ticket"));
        Assert.True(await tab.EvaluateAsync<int>("() => window.dwTokenRequests || 0") > 0, "the widget asked its server script for a token");
        Assert.Equal(0, await tab.Locator("#messages li[data-kind='error']").CountAsync());
        Assert.True(!console.Exists(l => l.StartsWith("error", StringComparison.Ordinal)), string.Join("\n", console));
    }

    [Fact]
    public async Task SharePointWebPart_PageBridgeUnderSharePointsScriptPolicy_ShowsTheForm()
    {
        var root = Path.Combine(RepositoryPaths.Root, "integrations", "DelegationWidgets.SharePoint");
        var bundle = Path.Combine(root, "dist-browser", "dw-sharepoint-bridge.js");
        Assert.True(File.Exists(bundle), "The web part's page bridge is not built: tests/run.sh builds it (npm run build && npm run bundle:bridge).");
        browser.TestPages.Add("/sharepoint/dw-sharepoint-bridge.js", await File.ReadAllTextAsync(bundle));
        browser.TestPages.Add("/sharepoint/sharepoint-csp-page.js", await File.ReadAllTextAsync(Path.Combine(root, "browser", "sharepoint-csp-page.js")));
        // The page brings SharePoint's script policy in its own meta element.
        var page = browser.TestPages.Add("/sharepoint/sharepoint-csp-page.html",
            (await File.ReadAllTextAsync(Path.Combine(root, "browser", "sharepoint-csp-page.html"))).Replace("{{api}}", browser.Host.BaseAddress.ToString(), StringComparison.Ordinal));
        var (context, tab, console) = await browser.OpenAsync(page);
        await using var _ = context;

        await tab.Locator("#webpart dw-form").GetByRole(AriaRole.Heading, new() { Name = "Unlock account" }).WaitForAsync(BrowserFixture.Visible);

        Assert.True(!console.Exists(l => l.StartsWith("error", StringComparison.Ordinal)), string.Join("\n", console));
    }

    [Fact]
    public async Task TopdeskLaunchPage_SignsTheOperatorInWithOidcAndPkce_ThenShowsTheForm()
    {
        await using var corp = await OidcIssuer.StartAsync();
        await using var host = new HostProcess(new Dictionary<string, string>
        {
            ["Authentication__Issuers__0__Name"] = "corp",
            ["Authentication__Issuers__0__Authority"] = corp.Authority,
            ["Authentication__Issuers__0__Audience"] = "delegationwidgets-api",
            ["Hosts__Topdesk__Authority"] = corp.Authority,
            ["Hosts__Topdesk__ClientId"] = "topdesk-launch",
            ["Hosts__Topdesk__Scope"] = "openid api://dw/user_impersonation",
        });
        await host.StartAsync();

        var (context, tab, console) = await browser.OpenAsync(new Uri(host.BaseAddress, "hosts/topdesk?incident=I2611-888&form=unlock-account"));
        await using var _ = context;

        await tab.Locator("dw-form").GetByRole(AriaRole.Button, new() { Name = "Voorbeeld bekijken" }).WaitForAsync(BrowserFixture.Visible);

        Assert.Equal(1, corp.TokensIssued);
        Assert.Equal(new Uri(host.BaseAddress, "hosts/topdesk?incident=I2611-888&form=unlock-account").ToString(), tab.Url);
        Assert.Equal("I2611-888", await tab.Locator("dw-form").GetAttributeAsync("ticket"));
        Assert.True(!console.Exists(l => l.StartsWith("error", StringComparison.Ordinal)), string.Join("\n", console));
    }
}
