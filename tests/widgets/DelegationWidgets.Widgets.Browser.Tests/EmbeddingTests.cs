using Microsoft.Playwright;

namespace DelegationWidgets.Widgets.Browser.Tests;

/// <summary>The loader and the custom elements on pages the tests write: CSP, live attributes, removal, tokens, several elements.</summary>
[Collection(BrowserGroup.Name)]
public sealed class EmbeddingTests(BrowserFixture browser)
{
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

    [Fact]
    public async Task PageCspWithoutWasmUnsafeEval_LoaderSaysSoInTheConsole()
    {
        var page = browser.TestPage("/no-wasm.html", "<dw-form form=\"unlock-account\"></dw-form>", allowWebAssembly: false);
        var (context, tab, console) = await browser.OpenAsync(page);
        await using var _ = context;

        await WaitUntilAsync(() => Task.FromResult(console.Exists(l => l.Contains("does not allow WebAssembly", StringComparison.Ordinal))), "the loader reported the CSP");

        Assert.Contains(console, l => l.StartsWith("error", StringComparison.Ordinal) && l.Contains("'wasm-unsafe-eval'", StringComparison.Ordinal));
        Assert.Equal(0, await tab.Locator("dw-form *").CountAsync());
    }

    [Fact]
    public async Task TwoElements_AttributesChangedLive_RenderTheNewFormAndLanguage()
    {
        var page = browser.TestPage("/live.html", "<dw-form id=\"a\" form=\"unlock-account\"></dw-form><dw-form id=\"b\" form=\"disable-account\"></dw-form>");
        var (context, tab, _) = await browser.OpenAsync(page);
        await using var _c = context;
        await tab.Locator("#a").GetByRole(AriaRole.Heading, new() { Name = "Unlock account" }).WaitForAsync(BrowserFixture.Visible);
        await tab.Locator("#b").GetByRole(AriaRole.Heading, new() { Name = "Disable account" }).WaitForAsync(BrowserFixture.Visible);

        await tab.EvaluateAsync("() => { const a = document.getElementById('a'); a.setAttribute('form', 'reset-password'); a.setAttribute('lang', 'nl'); }");

        await tab.Locator("#a").GetByRole(AriaRole.Heading, new() { Name = "Reset password" }).WaitForAsync(BrowserFixture.Visible);
        await tab.Locator("#a").GetByRole(AriaRole.Button, new() { Name = "Voorbeeld bekijken" }).WaitForAsync(BrowserFixture.Visible);
        Assert.True(await tab.Locator("#b").GetByRole(AriaRole.Button, new() { Name = "Preview" }).IsVisibleAsync());
    }

    [Fact]
    public async Task RemovedElement_IsDisposed_MovedElementKeepsItsForm()
    {
        var page = browser.TestPage("/remove.html", "<div id=\"left\"><dw-form id=\"moved\" form=\"unlock-account\"></dw-form></div><div id=\"right\"></div><dw-form id=\"removed\" form=\"disable-account\"></dw-form>");
        var (context, tab, _) = await browser.OpenAsync(page);
        await using var _c = context;
        await tab.Locator("#moved").GetByRole(AriaRole.Heading, new() { Name = "Unlock account" }).WaitForAsync(BrowserFixture.Visible);
        await tab.Locator("#removed").GetByRole(AriaRole.Heading, new() { Name = "Disable account" }).WaitForAsync(BrowserFixture.Visible);

        await tab.EvaluateAsync("() => { window.removed = document.getElementById('removed'); window.removed.remove(); document.getElementById('right').appendChild(document.getElementById('moved')); }");

        await WaitUntilAsync(() => tab.EvaluateAsync<bool>("() => window.removed._component === null"), "the removed element's component was disposed");
        Assert.True(await tab.EvaluateAsync<bool>("() => document.getElementById('moved')._component !== null"));
        await tab.Locator("#right #moved").GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await tab.Locator("#moved").GetByText("Fill in this field.").First.WaitForAsync(BrowserFixture.Visible);
    }

    [Fact]
    public async Task RefusedToken_IsRefreshedOnceThroughTheHost_AndTheFormLoads()
    {
        var page = browser.TestPage("/expired.html", "<dw-form form=\"unlock-account\"></dw-form>", "data-expired-first=\"true\"");
        var (context, tab, _) = await browser.OpenAsync(page);
        await using var _c = context;

        await tab.GetByRole(AriaRole.Heading, new() { Name = "Unlock account" }).WaitForAsync(BrowserFixture.Visible);

        var calls = await tab.EvaluateAsync<string[]>("() => window.dwTest.tokens");
        Assert.Equal(["token", "refresh"], calls.Take(2));
    }

    [Fact]
    public async Task Cancel_DispatchesBubblingEventFromTheElement()
    {
        var page = browser.TestPage("/cancel.html", "<dw-form form=\"unlock-account\"></dw-form>");
        var (context, tab, _) = await browser.OpenAsync(page);
        await using var _c = context;
        await tab.GetByRole(AriaRole.Heading, new() { Name = "Unlock account" }).WaitForAsync(BrowserFixture.Visible);

        await tab.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await WaitUntilAsync(() => tab.EvaluateAsync<bool>("() => window.dwTest.events.length > 0"), "dw-cancelled arrived");
        Assert.Equal("dw-cancelled DW-FORM unlock-account", await tab.EvaluateAsync<string>("() => { const e = window.dwTest.events[0]; return e.name + ' ' + e.on + ' ' + e.detail.formId; }"));
    }
}
