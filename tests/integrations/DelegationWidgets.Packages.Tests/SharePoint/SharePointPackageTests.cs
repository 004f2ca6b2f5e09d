using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace DelegationWidgets.Packages.Tests.SharePoint;

public sealed partial class SharePointPackageTests
{
    private const string WebPartFolder = "src/webparts/delegatedForm";

    private static readonly JsonDocumentOptions Json = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static JsonElement ReadJson(params string[] path)
    {
        using var document = JsonDocument.Parse(PackagePaths.Read(PackagePaths.SharePoint, path), Json);
        return document.RootElement.Clone();
    }

    private static JsonElement Solution => ReadJson("config", "package-solution.json").GetProperty("solution");

    private static JsonElement Manifest => ReadJson(WebPartFolder, "DelegatedFormWebPart.manifest.json");

    private static string WebPartSource => PackagePaths.Read(PackagePaths.SharePoint, WebPartFolder, "DelegatedFormWebPart.ts");

    [Fact]
    public void PackageSolution_WebApiPermissionRequests_AskForTheApiOnBehalfOfTheUser()
    {
        var request = Assert.Single(Solution.GetProperty("webApiPermissionRequests").EnumerateArray());

        Assert.Equal("DelegationWidgets API", request.GetProperty("resource").GetString());
        Assert.Equal("user_impersonation", request.GetProperty("scope").GetString());
    }

    [Fact]
    public void PackageSolution_SolutionAndFeature_HaveGuidsFourPartVersionsAndAnSppkgPath()
    {
        var solution = Solution;
        var feature = Assert.Single(solution.GetProperty("features").EnumerateArray());

        Assert.True(Guid.TryParse(solution.GetProperty("id").GetString(), out _));
        Assert.True(Guid.TryParse(feature.GetProperty("id").GetString(), out _));
        Assert.Matches(FourPartVersion(), solution.GetProperty("version").GetString() ?? "");
        Assert.Equal(solution.GetProperty("version").GetString(), feature.GetProperty("version").GetString());
        Assert.True(solution.GetProperty("includeClientSideAssets").GetBoolean());
        Assert.EndsWith(".sppkg", ReadJson("config", "package-solution.json").GetProperty("paths").GetProperty("zippedPackage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WebPartManifest_PreconfiguredEntry_DeclaresFormIdViewAndTicket()
    {
        var manifest = Manifest;
        var properties = Assert.Single(manifest.GetProperty("preconfiguredEntries").EnumerateArray()).GetProperty("properties");

        Assert.Equal("WebPart", manifest.GetProperty("componentType").GetString());
        Assert.True(Guid.TryParse(manifest.GetProperty("id").GetString(), out _));
        Assert.Matches(FormId(), properties.GetProperty("formId").GetString() ?? "");
        Assert.True(properties.GetProperty("view").GetString() is "form" or "catalog", "view must be form or catalog");
        Assert.Equal(JsonValueKind.String, properties.GetProperty("ticket").ValueKind);
        Assert.Equal(JsonValueKind.String, properties.GetProperty("apiUrl").ValueKind);
        Assert.Equal(JsonValueKind.String, properties.GetProperty("resource").ValueKind);
        Assert.False(manifest.GetProperty("requiresCustomScript").GetBoolean());
    }

    [Fact]
    public void WebPart_EveryManifestProperty_IsDeclaredAndOfferedInThePropertyPane()
    {
        var source = WebPartSource;
        var properties = Assert.Single(Manifest.GetProperty("preconfiguredEntries").EnumerateArray()).GetProperty("properties");

        Assert.All(properties.EnumerateObject(), property =>
        {
            Assert.Matches(new Regex($@"^\s+{property.Name}: ", RegexOptions.Multiline, TimeSpan.FromSeconds(1)), source);
            Assert.Matches(new Regex($@"PropertyPane(TextField|Dropdown)\('{property.Name}'", RegexOptions.None, TimeSpan.FromSeconds(1)), source);
        });
    }

    [Fact]
    public void WebPart_ViewDropdown_OffersFormAndCatalog()
    {
        var source = WebPartSource;

        Assert.Contains("PropertyPaneDropdown('view'", source, StringComparison.Ordinal);
        Assert.Contains("{ key: 'form',", source, StringComparison.Ordinal);
        Assert.Contains("{ key: 'catalog',", source, StringComparison.Ordinal);
        Assert.Contains("view: WidgetView;", source, StringComparison.Ordinal);
        Assert.Contains("export type WidgetView = 'form' | 'catalog';", PackagePaths.Read(PackagePaths.SharePoint, "src", "hosting", "PageBridge.ts"), StringComparison.Ordinal);
    }

    [Fact]
    public void WebPart_Token_ComesFromAadTokenProviderForTheApiResource()
    {
        var source = WebPartSource;

        Assert.Contains("this.context.aadTokenProviderFactory.getTokenProvider()", source, StringComparison.Ordinal);
        Assert.Contains("this.tokenProvider.getToken(resource, { useCachedToken: !forceRefresh })", source, StringComparison.Ordinal);
        Assert.Contains("installHostBridge(window, apiUrl,", source, StringComparison.Ordinal);
        Assert.Contains("loadWidgetLoader(document, apiUrl)", source, StringComparison.Ordinal);
    }

    [Fact]
    public void PageBridge_DefinesDwHostAndLoadsLoaderJsFromTheApi()
    {
        var bridge = PackagePaths.Read(PackagePaths.SharePoint, "src", "hosting", "PageBridge.ts");

        Assert.Contains("page.dwHost = bridge;", bridge, StringComparison.Ordinal);
        Assert.Contains("getToken: (options?: { forceRefresh?: boolean }): Promise<string> => tokens(!!(options && options.forceRefresh))", bridge, StringComparison.Ordinal);
        Assert.Contains("context: () => ({ ticket: null, reason: null, target: null, lang })", bridge, StringComparison.Ordinal);
        Assert.Contains("const src: string = `${apiUrl}widgets/loader.js`;", bridge, StringComparison.Ordinal);
        Assert.DoesNotContain("innerHTML", bridge, StringComparison.Ordinal);
        Assert.DoesNotContain("innerHTML", WebPartSource, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildConfig_BundlesTheWebPartManifestAndItsStrings()
    {
        var config = ReadJson("config", "config.json");
        var component = Assert.Single(Assert.Single(config.GetProperty("bundles").EnumerateObject()).Value.GetProperty("components").EnumerateArray());

        Assert.Equal($"./{WebPartFolder}/DelegatedFormWebPart.manifest.json", component.GetProperty("manifest").GetString());
        Assert.Equal("./lib/webparts/delegatedForm/DelegatedFormWebPart.js", component.GetProperty("entrypoint").GetString());
        Assert.Equal("lib/webparts/delegatedForm/loc/{locale}.js", config.GetProperty("localizedResources").GetProperty("DelegatedFormWebPartStrings").GetString());
        foreach (var locale in new[] { "en-us", "nl-nl" })
        {
            Assert.Contains("NotConfigured:", PackagePaths.Read(PackagePaths.SharePoint, WebPartFolder, "loc", locale + ".js"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PackageJson_BuildsTheSppkgWithTheSpfxToolchainOfOneVersion()
    {
        var package = ReadJson("package.json");
        var rig = package.GetProperty("devDependencies").GetProperty("@microsoft/spfx-web-build-rig").GetString();

        Assert.Contains("heft package-solution --production", package.GetProperty("scripts").GetProperty("build").GetString(), StringComparison.Ordinal);
        Assert.Contains("heft test", package.GetProperty("scripts").GetProperty("test").GetString(), StringComparison.Ordinal);
        Assert.All(package.GetProperty("dependencies").EnumerateObject().Where(d => d.Name.StartsWith("@microsoft/sp-", StringComparison.Ordinal)), dependency =>
            Assert.Equal(rig, dependency.Value.GetString()));
        Assert.Equal("@microsoft/spfx-web-build-rig", ReadJson("config", "rig.json").GetProperty("rigPackageName").GetString());
        Assert.Contains("\"lockfileVersion\"", PackagePaths.Read(PackagePaths.SharePoint, "package-lock.json"), StringComparison.Ordinal);
    }

    [Fact]
    public void Gitignore_KeepsNodeModulesAndBuildOutputOutOfGit()
    {
        var ignored = PackagePaths.Read(PackagePaths.SharePoint, ".gitignore").Split('\n').Select(line => line.Trim()).ToList();

        Assert.Contains("node_modules/", ignored);
        Assert.Contains("sharepoint/solution/", ignored);
        Assert.Contains("lib/", ignored);
        Assert.Contains("temp/", ignored);
    }

    // Runs when the package has been built (npm run build in the package folder); the build is not part of dotnet test.
    [Fact]
    public void Sppkg_WhenBuilt_CarriesTheWebPartAndThePermissionRequest()
    {
        var sppkg = Path.Combine(PackagePaths.SharePoint, "sharepoint", "solution", "delegationwidgets-sharepoint.sppkg");
        Assert.True(File.Exists(sppkg), "The .sppkg has not been built: tests/run.sh builds it (npm ci && npm run build in integrations/DelegationWidgets.SharePoint); see its log there.");

        using var zip = ZipFile.OpenRead(sppkg);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        var webPartId = Manifest.GetProperty("id").GetString();
        var featureId = Assert.Single(Solution.GetProperty("features").EnumerateArray()).GetProperty("id").GetString();
        using var manifestStream = zip.GetEntry("AppManifest.xml")!.Open();
        var app = XDocument.Load(manifestStream).Root!;
        XNamespace ns = "http://schemas.microsoft.com/sharepoint/2012/app/manifest";

        Assert.Contains("[Content_Types].xml", names);
        Assert.Contains("_rels/.rels", names);
        Assert.Contains($"feature_{featureId}.xml", names);
        Assert.Contains($"{featureId}/WebPart_{webPartId}.xml", names);
        Assert.Contains(names, n => n.StartsWith("ClientSideAssets/delegated-form-web-part_", StringComparison.Ordinal));
        Assert.Equal(Solution.GetProperty("id").GetString(), (string?)app.Attribute("ProductID"));
        var request = Assert.Single(app.Descendants(ns + "WebApiPermissionRequest"));
        Assert.Equal("DelegationWidgets API", (string?)request.Attribute("ResourceId"));
        Assert.Equal("user_impersonation", (string?)request.Attribute("Scope"));
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+\.\d+$")]
    private static partial Regex FourPartVersion();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex FormId();
}
