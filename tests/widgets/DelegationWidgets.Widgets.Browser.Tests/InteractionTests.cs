using Microsoft.Playwright;

namespace DelegationWidgets.Widgets.Browser.Tests;

/// <summary>Keyboard-only use, cascading and paged lookups, styles that stay on their side, and axe on every step.</summary>
[Collection(BrowserGroup.Name)]
public sealed class InteractionTests(BrowserFixture browser)
{
    [Fact]
    public async Task KeyboardOnly_UnlockAccount_FromSearchToResult_WithAxeOnEveryStep()
    {
        var page = browser.TestPage("/keyboard.html", "<dw-form form=\"unlock-account\"></dw-form>");
        var (context, tab, _) = await browser.OpenAsync(page);
        await using var _c = context;
        var form = tab.Locator("dw-form");
        await form.GetByRole(AriaRole.Heading, new() { Name = "Unlock account" }).WaitForAsync(BrowserFixture.Visible);
        await BrowserFixture.NoSeriousAxeViolationsAsync(form, "form");

        await tab.Keyboard.PressAsync("Tab");
        var user = form.GetByRole(AriaRole.Combobox, new() { Name = "User *" });
        Assert.True(await user.EvaluateAsync<bool>("e => e === document.activeElement"));
        // Focus opens the list; typing and deleting still work while it is open.
        await form.GetByRole(AriaRole.Option).First.WaitForAsync(BrowserFixture.Visible);
        Assert.Equal("true", await user.GetAttributeAsync("aria-expanded"));
        await tab.Keyboard.TypeAsync("emmx", new() { Delay = 30 });
        await tab.Keyboard.PressAsync("Backspace");
        await tab.Keyboard.TypeAsync("a");
        Assert.Equal("emma", await user.InputValueAsync());
        await form.GetByRole(AriaRole.Option, new() { Name = "Emma" }).First.WaitForAsync(BrowserFixture.Visible);
        // A newer list arriving between ArrowDown and Enter keeps the active option (LookupInputTests), so one Enter chooses.
        var selected = form.Locator(".dw-lookup-selected");
        await tab.Keyboard.PressAsync("ArrowDown");
        Assert.NotNull(await user.GetAttributeAsync("aria-activedescendant"));
        await tab.Keyboard.PressAsync("Enter");
        await selected.WaitForAsync(BrowserFixture.Visible);
        Assert.True(await form.GetByRole(AriaRole.Button, new() { Name = "Preview" }).IsVisibleAsync(), await form.InnerTextAsync());

        // Tab on to Preview (past "Clear" and the reason) and press Enter, then Apply.
        var preview = form.GetByRole(AriaRole.Button, new() { Name = "Preview" });
        for (var i = 0; i < 6 && !await preview.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await tab.Keyboard.PressAsync("Tab");
        }

        await tab.Keyboard.PressAsync("Enter");
        var previewHeading = form.GetByRole(AriaRole.Heading, new() { Name = "This will change" });
        await previewHeading.WaitForAsync(BrowserFixture.Visible);
        Assert.True(await previewHeading.EvaluateAsync<bool>("e => e === document.activeElement"));
        await BrowserFixture.NoSeriousAxeViolationsAsync(form, "preview");
        await tab.Keyboard.PressAsync("Tab");
        await tab.Keyboard.PressAsync("Enter");

        var result = form.GetByRole(AriaRole.Heading, new() { Name = "Done: nothing needed to change." }).Or(form.GetByRole(AriaRole.Heading, new() { Name = "The change was made." }));
        await result.First.WaitForAsync(BrowserFixture.Visible);
        await BrowserFixture.NoSeriousAxeViolationsAsync(form, "result");
    }

    [Fact]
    public async Task ApiUnreachable_SaysSoAndTryAgainLoadsTheForm()
    {
        var page = browser.TestPage("/unreachable.html", "<dw-form form=\"unlock-account\"></dw-form>");
        var context = await browser.Browser.NewContextAsync();
        await using var _c = context;
        await context.RouteAsync("**/api/v1/forms/unlock-account", route => route.AbortAsync());
        var tab = await context.NewPageAsync();
        await tab.GotoAsync(page.ToString());
        var form = tab.Locator("dw-form");

        await form.GetByText("The service cannot be reached right now").WaitForAsync(BrowserFixture.Visible);
        await context.UnrouteAllAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();

        await form.GetByRole(AriaRole.Heading, new() { Name = "Unlock account" }).WaitForAsync(BrowserFixture.Visible);
    }

    [Fact]
    public async Task CascadingLookup_GroupsFollowTheChosenUser_AndPagesLoadMore()
    {
        var page = browser.TestPage("/cascade.html", "<dw-form form=\"remove-group-member\"></dw-form>");
        var (context, tab, _) = await browser.OpenAsync(page);
        await using var _c = context;
        var form = tab.Locator("dw-form");
        await form.GetByRole(AriaRole.Heading, new() { Name = "Remove from group" }).WaitForAsync(BrowserFixture.Visible);
        var group = form.GetByRole(AriaRole.Combobox, new() { Name = "Group *" });
        Assert.True(await group.IsDisabledAsync());

        // The user lookup pages: the first page, then more.
        var user = form.GetByRole(AriaRole.Combobox, new() { Name = "User *" });
        await user.FocusAsync();
        var options = form.GetByRole(AriaRole.Option);
        await options.First.WaitForAsync(BrowserFixture.Visible);
        var firstPage = await options.CountAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "More results" }).ClickAsync();
        await tab.WaitForFunctionAsync($"() => document.querySelectorAll('dw-form [role=option]').length > {firstPage}");

        await user.FillAsync("emma");
        await form.GetByRole(AriaRole.Option, new() { Name = "Emma Employee" }).First.ClickAsync();
        Assert.False(await group.IsDisabledAsync());
        await group.FocusAsync();
        await form.GetByRole(AriaRole.Option).First.WaitForAsync(BrowserFixture.Visible);
        var groups = await form.GetByRole(AriaRole.Option).AllInnerTextsAsync();
        Assert.Contains(groups, g => g.Contains("Sales team", StringComparison.Ordinal));
        Assert.DoesNotContain(groups, g => g.Contains("Sales CRM users", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DemoPageStyles_DoNotReachTheWidget_AndWidgetStylesDoNotReachThePage()
    {
        var (context, tab, _) = await browser.OpenAsync("servicenow.html");
        await using var _c = context;
        await tab.Locator("dw-form").GetByRole(AriaRole.Heading, new() { Name = "Reset password" }).WaitForAsync(BrowserFixture.Visible);

        var pageFont = await tab.Locator("#persona").EvaluateAsync<string>("e => getComputedStyle(e).fontFamily");
        var widgetFont = await tab.Locator("dw-form textarea").EvaluateAsync<string>("e => getComputedStyle(e).fontFamily");
        var pageHeading = await tab.Locator(".demo-bar h1").EvaluateAsync<string>("e => getComputedStyle(e).fontSize");

        Assert.Contains("Courier", pageFont, StringComparison.Ordinal); // the page's rule for its own inputs
        Assert.DoesNotContain("Courier", widgetFont, StringComparison.Ordinal);
        Assert.Equal("17.6px", pageHeading); // 1.1rem from demo.css, not the widget's title size
        Assert.Equal(0, await tab.Locator("body :not(dw-form):not(dw-form *):not(dw-audit):not(dw-audit *)[class^='dw-']").CountAsync());
    }
}
