using System.Text.RegularExpressions;

namespace DelegationWidgets.Packages.Tests.Intranet;

public sealed partial class IntranetSnippetTests
{
    private static string Page => PackagePaths.Read(PackagePaths.Intranet, "delegationwidgets-intranet.html");

    private static string Bridge => PackagePaths.Read(PackagePaths.Intranet, "dw-intranet-bridge.js");

    [Fact]
    public void Page_LoadsMsalTheBridgeAndLoaderJsInThatOrder()
    {
        var sources = ScriptSource().Matches(Page).Select(m => m.Groups["src"].Value).ToList();

        Assert.Equal(3, sources.Count);
        Assert.EndsWith("msal-browser.min.js", sources[0], StringComparison.Ordinal);
        Assert.EndsWith("dw-intranet-bridge.js", sources[1], StringComparison.Ordinal);
        Assert.EndsWith("/widgets/loader.js", sources[2], StringComparison.Ordinal);
        Assert.Contains("<dw-form form=\"", Page, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_HasNoInlineScriptAndAllowsWebAssemblyFromTheApi()
    {
        Assert.Equal(ScriptTag().Count(Page), ScriptSource().Count(Page));
        Assert.DoesNotContain(" onclick=", Page, StringComparison.Ordinal);
        Assert.Matches(ScriptPolicy(), Page);
    }

    [Fact]
    public void Page_ConfiguresTheBridgeOnItsScriptTag()
    {
        foreach (var attribute in new[] { "data-client-id", "data-authority", "data-scope", "data-redirect-uri", "data-interaction" })
        {
            Assert.Contains(attribute + "=\"", Page, StringComparison.Ordinal);
            Assert.Contains($"script.getAttribute('{attribute}')", Bridge, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Bridge_DefinesDwHostWithGetTokenAndContext()
    {
        Assert.Matches(DwHost(), Bridge);
        Assert.Contains("getToken: getToken,", Bridge, StringComparison.Ordinal);
        Assert.Contains("context: function () {", Bridge, StringComparison.Ordinal);
        Assert.Contains("var forceRefresh = !!(options && options.forceRefresh);", Bridge, StringComparison.Ordinal);
    }

    [Fact]
    public void Bridge_UsesSilentPopupAndRedirectAcquisition()
    {
        // Presence only: the order of the attempts (silent, then popup, then redirect) is not checked by reading the text,
        // since the functions are declared in another order than they are tried.
        var bridge = Bridge;
        Assert.Contains("client.acquireTokenSilent(", bridge, StringComparison.Ordinal);
        Assert.Contains("client.acquireTokenPopup(", bridge, StringComparison.Ordinal);
        Assert.Contains("client.acquireTokenRedirect(", bridge, StringComparison.Ordinal);
        Assert.Contains("msal.InteractionRequiredAuthError", bridge, StringComparison.Ordinal);
        Assert.Contains("popup_window_error", bridge, StringComparison.Ordinal);
        Assert.Contains("client.initialize()", bridge, StringComparison.Ordinal);
        Assert.Contains("client.handleRedirectPromise()", bridge, StringComparison.Ordinal);
        Assert.Contains("forceRefresh: forceRefresh", bridge, StringComparison.Ordinal);
    }

    [Fact]
    public void Bridge_NeverPutsATokenIntoTheDom()
    {
        Assert.DoesNotContain("setAttribute", Bridge, StringComparison.Ordinal);
        Assert.DoesNotContain("innerHTML", Bridge, StringComparison.Ordinal);
        Assert.DoesNotContain("localStorage", Bridge, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<script\b[^>]*\bsrc=""(?<src>[^""]+)""", RegexOptions.Singleline)]
    private static partial Regex ScriptSource();

    [GeneratedRegex(@"<script\b")]
    private static partial Regex ScriptTag();

    [GeneratedRegex(@"script-src [^;""]*https://dw\.example [^;""]*'wasm-unsafe-eval'")]
    private static partial Regex ScriptPolicy();

    [GeneratedRegex(@"window\.dwHost\s*=\s*\{")]
    private static partial Regex DwHost();
}
