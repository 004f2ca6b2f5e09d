using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace DelegationWidgets.Packages.Tests.ServiceNow;

public sealed partial class UpdateSetTests
{
    private readonly UpdateSet updateSet = UpdateSet.Load();

    [Fact]
    public void UpdateSet_File_IsWellFormedXmlWithAnUnloadRoot()
    {
        var text = PackagePaths.Read(PackagePaths.ServiceNow, "update-set", "delegationwidgets-servicenow.xml");

        var document = XDocument.Parse(text);

        Assert.Equal("unload", document.Root!.Name.LocalName);
        Assert.False(string.IsNullOrEmpty((string?)document.Root.Attribute("unload_date")));
    }

    [Fact]
    public void UpdateSet_RemoteUpdateSet_IsExactlyOneAndNamesTheApplication()
    {
        var remote = Assert.Single(updateSet.Document.Root!.Elements("sys_remote_update_set"));

        Assert.Equal("loaded", (string?)remote.Element("state"));
        Assert.Equal("x_dw_widgets", (string?)remote.Element("application_scope"));
        Assert.Matches(SysId(), (string?)remote.Element("sys_id") ?? "");
        Assert.False(string.IsNullOrWhiteSpace((string?)remote.Element("name")));
        Assert.All(updateSet.Updates, u => Assert.Equal((string?)remote.Element("sys_id"), (string?)u.Element.Element("remote_update_set")));
    }

    [Fact]
    public void UpdateSet_EveryUpdate_HasNameActionTypeAndPayload()
    {
        Assert.NotEmpty(updateSet.Updates);
        Assert.All(updateSet.Updates, update =>
        {
            Assert.False(string.IsNullOrWhiteSpace(update.Name), "an update has no name");
            Assert.Equal("INSERT_OR_UPDATE", (string?)update.Element.Element("action"));
            Assert.False(string.IsNullOrWhiteSpace((string?)update.Element.Element("type")), $"{update.Name} has no type");
            Assert.False(string.IsNullOrWhiteSpace(update.Payload), $"{update.Name} has no payload");
        });
    }

    [Fact]
    public void UpdateSet_EveryPayload_ParsesAsTheRecordNamedByTheUpdate()
    {
        Assert.All(updateSet.Updates, update =>
        {
            var payload = Record.Exception(() => XDocument.Parse(update.Payload));
            Assert.True(payload is null, $"the payload of {update.Name} is not XML: {payload?.Message}");
            Assert.Equal(update.Table, update.Record.Name.LocalName);
            Assert.Equal("INSERT_OR_UPDATE", (string?)update.Record.Attribute("action"));
            Assert.Matches(SysId(), update.Field("sys_id") ?? "");
            Assert.Equal($"{update.Table}_{update.Field("sys_id")}", update.Name);
            Assert.Equal(update.Name, update.Field("sys_update_name"));
        });
    }

    [Fact]
    public void UpdateSet_UpdateNamesAndSysIds_AreUnique()
    {
        Assert.Equal(updateSet.Updates.Count, updateSet.Updates.Select(u => u.Name).Distinct().Count());
        Assert.Equal(updateSet.Updates.Count, updateSet.Updates.Select(u => (string?)u.Element.Element("sys_id")).Distinct().Count());
    }

    [Fact]
    public void UpdateSet_Records_BelongToTheScopedApplication()
    {
        var application = updateSet.Single("sys_app");
        Assert.Equal("x_dw_widgets", application.Field("scope"));

        Assert.All(updateSet.Updates.Where(u => u.Table != "sys_app"), update =>
            Assert.Equal(application.Field("sys_id"), update.Field("sys_scope")));
    }

    // The fields ServiceNow needs to make a working record of each table this package ships (every table listed is shipped).
    [Theory]
    [InlineData("sp_widget", new[] { "id", "name", "template", "client_script", "script" })]
    [InlineData("sys_ui_action", new[] { "table", "name", "action_name", "script" })]
    [InlineData("sp_dependency", new[] { "name" })]
    [InlineData("sp_js_include", new[] { "source", "url" })]
    [InlineData("sys_properties", new[] { "name", "type" })]
    [InlineData("sp_page", new[] { "id", "title" })]
    [InlineData("sp_instance", new[] { "sp_widget", "sp_column" })]
    public void UpdateSet_RecordsOfTable_HaveTheRequiredFields(string table, string[] fields)
    {
        Assert.Contains(updateSet.Updates, u => u.Table == table);
        Assert.All(updateSet.Updates.Where(u => u.Table == table), update =>
        {
            foreach (var field in fields)
            {
                Assert.False(string.IsNullOrWhiteSpace(update.Field(field)), $"{table} {update.Name} has no {field}");
            }
        });
    }

    [Fact]
    public void UpdateSet_Widget_IsTheDelegatedFormWidget()
    {
        var widget = updateSet.Single("sp_widget");

        Assert.Equal("dw-delegated-form", widget.Field("id"));
        Assert.Equal("c", widget.Field("controller_as"));
        Assert.Contains("dw-sn-slot", widget.Field("template"), StringComparison.Ordinal);
        Assert.Contains("function link(", widget.Field("link"), StringComparison.Ordinal);
        Assert.Contains("document.createElement('dw-form')", widget.Field("link"), StringComparison.Ordinal);
    }

    [Fact]
    public void UpdateSet_UiAction_OpensTheDelegatedFormFromIncidents()
    {
        var action = updateSet.Single("sys_ui_action");

        Assert.Equal("incident", action.Field("table"));
        Assert.Equal("Open delegated form", action.Field("name"));
        Assert.Equal("true", action.Field("form_button"));
        Assert.Equal("true", action.Field("client"));
        Assert.Equal("openDelegatedForm()", action.Field("onclick"));
        Assert.Contains("function openDelegatedForm()", action.Field("script"), StringComparison.Ordinal);
        Assert.Contains("/sp?id=dw_delegated_form", action.Field("script"), StringComparison.Ordinal);
        Assert.Contains("g_form.getUniqueValue()", action.Field("script"), StringComparison.Ordinal);
        Assert.Contains("!current.isNewRecord()", action.Field("condition"), StringComparison.Ordinal);
    }

    [Fact]
    public void UpdateSet_Page_ShowsTheWidgetTheUiActionOpens()
    {
        var page = updateSet.Find("sp_page", "id", "dw_delegated_form");
        var container = updateSet.Find("sp_container", "sp_page", page.Field("sys_id")!);
        var row = updateSet.Find("sp_row", "sp_container", container.Field("sys_id")!);
        var column = updateSet.Find("sp_column", "sp_row", row.Field("sys_id")!);
        var instance = updateSet.Find("sp_instance", "sp_column", column.Field("sys_id")!);

        Assert.Equal(updateSet.Single("sp_widget").Field("sys_id"), instance.Field("sp_widget"));
    }

    [Fact]
    public void UpdateSet_WidgetDependency_LoadsLoaderJsFromTheApi()
    {
        var widget = updateSet.Single("sp_widget");
        var include = updateSet.Single("sp_js_include");
        var link = updateSet.Single("m2m_sp_widget_dependency");
        var includeLink = updateSet.Single("m2m_sp_dependency_js_include");

        Assert.Equal("url", include.Field("source"));
        Assert.EndsWith("/widgets/loader.js", include.Field("url"), StringComparison.Ordinal);
        Assert.StartsWith("https://", include.Field("url"), StringComparison.Ordinal);
        Assert.Equal(widget.Field("sys_id"), link.Field("sp_widget"));
        Assert.Equal(link.Field("sp_dependency"), includeLink.Field("sp_dependency"));
        Assert.Equal(include.Field("sys_id"), includeLink.Field("sp_js_include"));
        Assert.Equal(updateSet.Single("sp_dependency").Field("sys_id"), link.Field("sp_dependency"));
    }

    [Fact]
    public void UpdateSet_WidgetClientScript_DefinesDwHostWithGetTokenAndContext()
    {
        var client = updateSet.Single("sp_widget").Field("client_script")!;

        Assert.Matches(DwHostAssignment(), client);
        Assert.Matches(GetTokenMember(), client);
        Assert.Matches(ContextMember(), client);
        Assert.Contains("forceRefresh", client, StringComparison.Ordinal);
        Assert.Contains("c.server.get({ action: 'token'", client, StringComparison.Ordinal);
    }

    [Fact]
    public void UpdateSet_WidgetServerScript_MintsTheJwtWithTheTicketClaimThroughGlideJwtApi()
    {
        var server = updateSet.Single("sp_widget").Field("script")!;

        Assert.Contains("new sn_auth.GlideJWTAPI().generateJWT(", server, StringComparison.Ordinal);
        Assert.Matches(TicketClaim(), server);
        foreach (var claim in new[] { "iss", "aud", "sub", "name", "email", "groups", "jti", "iat", "exp" })
        {
            Assert.Matches(new Regex($@"\b{claim}:\s", RegexOptions.None, TimeSpan.FromSeconds(1)), server);
        }

        Assert.Contains("kid:", server, StringComparison.Ordinal);
        Assert.Contains("MAX_LIFETIME_SECONDS = 300", server, StringComparison.Ordinal);
        Assert.Contains("canRead()", server, StringComparison.Ordinal);
    }

    [Fact]
    public void UpdateSet_Properties_CoverTheSettingsTheServerScriptReads()
    {
        var server = updateSet.Single("sp_widget").Field("script")!;
        var read = PropertyRead().Matches(server).Select(m => "x_dw_widgets." + m.Groups["name"].Value).Distinct().ToList();
        var shipped = updateSet.Updates.Where(u => u.Table == "sys_properties").Select(u => u.Field("name")).ToList();

        Assert.NotEmpty(read);
        Assert.All(read, name => Assert.Contains(name, shipped));
    }

    // The generated update set carries the scripts under src/ exactly: an edit of a source file without running
    // build-update-set.mjs fails here.
    [Theory]
    [InlineData("sp_widget", "client_script", "widget/client_script.js")]
    [InlineData("sp_widget", "script", "widget/server_script.js")]
    [InlineData("sp_widget", "link", "widget/link.js")]
    [InlineData("sp_widget", "template", "widget/template.html")]
    [InlineData("sp_widget", "css", "widget/style.css")]
    [InlineData("sp_widget", "option_schema", "widget/option_schema.json")]
    [InlineData("sys_ui_action", "script", "ui_action/open_delegated_form.js")]
    public void UpdateSet_Field_MatchesItsSourceFile(string table, string field, string source)
    {
        // XML parsers turn CRLF into LF, so a checkout with CRLF line ends compares as LF.
        var expected = PackagePaths.Read(PackagePaths.ServiceNow, "src", source).ReplaceLineEndings("\n");

        Assert.Equal(expected, updateSet.Single(table).Field(field));
    }

    [Fact]
    public void UpdateSet_Payloads_ParseWithoutDtdOrExternalEntities()
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        Assert.All(updateSet.Updates, update =>
        {
            using var text = new StringReader(update.Payload);
            using var reader = XmlReader.Create(text, settings);
            Assert.NotNull(XDocument.Load(reader).Root);
        });
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex SysId();

    [GeneratedRegex(@"\$window\.dwHost\s*=\s*host")]
    private static partial Regex DwHostAssignment();

    [GeneratedRegex(@"getToken:\s*getToken")]
    private static partial Regex GetTokenMember();

    [GeneratedRegex(@"context:\s*function\s*\(\)")]
    private static partial Regex ContextMember();

    [GeneratedRegex(@"claims\.ticket\s*=\s*\{\s*table:\s*ticket\.table,\s*sys_id:\s*ticket\.sys_id,\s*number:\s*ticket\.number\s*\}")]
    private static partial Regex TicketClaim();

    [GeneratedRegex(@"property\('(?<name>[a-z_]+)'")]
    private static partial Regex PropertyRead();
}
