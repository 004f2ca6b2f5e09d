using System.Text.Json;
using DelegationWidgets.Testing;
using Microsoft.Playwright;

namespace DelegationWidgets.Widgets.Browser.Tests;

/// <summary>
/// &lt;dw-form&gt; in the demo host pages, which are served from another origin than the API with a strict CSP: the loader
/// boots the bundle from the API, the form talks to the API with the page's token and reports back to the page.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class DwFormTests(BrowserFixture browser)
{
    private static async Task FormReadyAsync(IPage page, List<string> console, string title)
    {
        try
        {
            await ShownAsync(page.GetByRole(AriaRole.Heading, new() { Name = title }));
        }
        catch (TimeoutException e)
        {
            var state = await page.EvaluateAsync<string>("() => JSON.stringify({ blazor: typeof Blazor, dw: typeof DelegationWidgets, host: typeof dwHost, html: document.querySelector('dw-form, dw-audit')?.outerHTML })");
            throw new TimeoutException($"The form '{title}' did not appear ({state}). Browser console:\n{string.Join("\n", console)}", e);
        }
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
            var shown = await locator.Page.EvaluateAsync<string>("() => [...document.querySelectorAll('dw-form, dw-audit')].map(e => e.innerText).join('\\n---\\n')");
            throw new TimeoutException($"{locator} did not appear. The widgets show:\n{shown}", e);
        }
    }

    private static async Task PickAsync(ILocator scope, string label, string search, string option)
    {
        var box = scope.GetByRole(AriaRole.Combobox, new() { Name = label });
        await box.FillAsync(search);
        await scope.GetByRole(AriaRole.Option, new() { Name = option }).First.ClickAsync();
    }

    [Fact]
    public async Task ResetPassword_OnServiceNowPage_LookupPreviewApply_ReportsToPageAndAudits()
    {
        var (context, page, console) = await browser.OpenAsync("servicenow.html");
        await using var _ = context;
        await FormReadyAsync(page, console, "Reset password");

        await PickAsync(page.Locator("dw-form"), "User *", "emma", "Emma");
        await page.GetByLabel("Reason *").FillAsync("Caller locked out, verified by phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        await ShownAsync(page.GetByRole(AriaRole.Heading, new() { Name = "This will change" }));
        Assert.True(await page.Locator("dw-form table.dw-diff").IsVisibleAsync());
        await ShownAsync(page.GetByRole(AriaRole.Button, new() { Name = "Apply change" }));
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply change" }).DblClickAsync();

        await ShownAsync(page.GetByRole(AriaRole.Heading, new() { Name = "The change was made." }));
        var secret = await page.Locator("dw-form .dw-secret-value").InnerTextAsync();
        Assert.True(secret.Length >= 12, secret);
        var reference = await page.Locator("dw-form .dw-reference").InnerTextAsync();

        var events = page.Locator("#events li[data-event='dw-submitted']");
        await ShownAsync(events.First);
        Assert.Equal(1, await events.CountAsync()); // a double click applies once
        var detail = JsonDocument.Parse((await events.First.InnerTextAsync())["dw-submitted ".Length..]).RootElement;
        Assert.Equal(reference, detail.GetProperty("changeId").GetString());
        Assert.Equal("succeeded", detail.GetProperty("status").GetString());

        using var api = await browser.Host.ClientAsync("agent");
        var change = await api.GetJsonAsync($"api/v1/changes/{reference}");
        Assert.Equal("succeeded", change.Body.GetProperty("status").GetString());
        Assert.Equal("INC0012345", change.Body.GetProperty("ticket").GetString());
        Assert.Equal("anna.agent", change.Body.GetProperty("actor").GetProperty("subject").GetString());
        Assert.DoesNotContain(console, line => line.StartsWith("error", StringComparison.Ordinal) || line.StartsWith("pageerror", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Preview_WithEmptyRequiredFields_MarksThemAndFocusesTheFirst()
    {
        var (context, page, console) = await browser.OpenAsync("servicenow.html");
        await using var _c = context;
        await FormReadyAsync(page, console, "Reset password");

        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        var user = page.GetByRole(AriaRole.Combobox, new() { Name = "User *" });
        await ShownAsync(page.GetByText("Fill in this field.").First);
        Assert.Equal("true", await user.GetAttributeAsync("aria-invalid"));
        Assert.Equal("true", await page.GetByLabel("Reason *").GetAttributeAsync("aria-invalid"));
        Assert.Contains("2 fields need attention", await page.Locator("dw-form [role=status]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await user.EvaluateAsync<bool>("e => e === document.activeElement"));
    }

    [Fact]
    public async Task ServerProblem_IsShownOnTheFieldItNames()
    {
        var (context, page, console) = await browser.OpenAsync("sharepoint.html");
        await using var _c = context;
        await FormReadyAsync(page, console, "Update contact details");
        var form = page.Locator("dw-form[form='update-contact-details']");

        await PickAsync(form, "User *", "emma", "Emma");
        await form.GetByLabel("Reason").FillAsync("New phone number");
        // Neither mail nor phone: the schema's anyOf is the server's to check; its problem names no single field.
        await form.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        await ShownAsync(form.Locator(".dw-alert"));
        Assert.NotEmpty(await form.Locator(".dw-alert").InnerTextAsync());
        Assert.Equal(0, await form.Locator(".dw-diff").CountAsync());
    }

    [Fact]
    public async Task TopdeskPage_InDutch_AddsToGroupAndShowsTheAuditTrail()
    {
        var (context, page, console) = await browser.OpenAsync("topdesk.html");
        await using var _c = context;
        await FormReadyAsync(page, console, "Add to group");

        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Voorbeeld bekijken" }).IsVisibleAsync());
        await ShownAsync(page.GetByRole(AriaRole.Heading, new() { Name = "Audittrail" }));
        await PickAsync(page.Locator("dw-form"), "User *", "emma", "Emma");
        await PickAsync(page.Locator("dw-form"), "Group *", "sales", "Sales");
        await page.GetByLabel("Reden *").FillAsync("Nieuwe collega");
        await page.GetByRole(AriaRole.Button, new() { Name = "Voorbeeld bekijken" }).ClickAsync();
        await ShownAsync(page.GetByRole(AriaRole.Button, new() { Name = "Wijziging uitvoeren" }));
        await page.GetByRole(AriaRole.Button, new() { Name = "Wijziging uitvoeren" }).ClickAsync();

        await ShownAsync(page.Locator("#events li[data-event='dw-submitted']").First);
        var trail = page.Locator("dw-audit table tbody tr");
        await ShownAsync(trail.First);
        Assert.Contains("add-group-member", await page.Locator("dw-audit").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AxeScan_FormAndPreview_HaveNoSeriousOrCriticalViolations()
    {
        var (context, page, console) = await browser.OpenAsync("servicenow.html");
        await using var _c = context;
        await FormReadyAsync(page, console, "Reset password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await ShownAsync(page.GetByText("Fill in this field.").First);

        await BrowserFixture.NoSeriousAxeViolationsAsync(page.Locator("dw-form"), "form with errors");
    }
}
