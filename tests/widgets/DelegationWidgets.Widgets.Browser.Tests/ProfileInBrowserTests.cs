using System.Text.Json;
using System.Text.Json.Nodes;
using DelegationWidgets.FormProfile;
using DelegationWidgets.FormProfile.Tests.Conformance;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DelegationWidgets.Widgets.Browser.Tests;

/// <summary>
/// The official JSON Schema suite's profile files through the widget's validator, in the browser (the trimmed WebAssembly
/// bundle with the lazily loaded Form Profile): every case gets the server's verdict, and every schema the server refuses
/// the widget refuses too.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class ProfileInBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task JsonSchemaSuite_EveryProfileCase_SameVerdictInTheBrowserAsOnTheServer()
    {
        var suite = SuiteLocation.Require();
        var page = browser.TestPage("/suite.html", "<dw-form form=\"unlock-account\"></dw-form>");
        var (context, tab, _) = await browser.OpenAsync(page);
        await using var _c = context;
        await tab.GetByRole(AriaRole.Heading, new() { Name = "Unlock account" }).WaitForAsync(BrowserFixture.Visible);

        int cases = 0, inProfile = 0;
        var differences = new List<string>();
        foreach (var file in SuiteFiles.All)
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(suite, "tests", file)));
            var groups = new JsonArray();
            var server = new List<(string Description, bool Refused, bool[] Valid, string[] Tests)>();
            foreach (var group in document.RootElement.EnumerateArray())
            {
                var schema = SuiteRunner.SchemaText(group.GetProperty("schema"), file.StartsWith("draft7/", StringComparison.Ordinal));
                var data = group.GetProperty("tests").EnumerateArray().ToList();
                groups.Add(new JsonObject
                {
                    ["schema"] = JsonNode.Parse(schema),
                    ["data"] = new JsonArray([.. data.Select(t => JsonNode.Parse(t.GetProperty("data").GetRawText()))]),
                });
                FormSchema? loaded = null;
                try
                {
                    loaded = FormSchema.Load(schema);
                }
                catch (FormProfileException)
                {
                }

                server.Add((group.GetProperty("description").GetString()!, loaded is null,
                    [.. data.Select(t => loaded is not null && loaded.Validate(t.GetProperty("data")).Count == 0)],
                    [.. data.Select(t => t.GetProperty("description").GetString()!)]));
            }

            var verdicts = JsonDocument.Parse(await tab.EvaluateAsync<string>(
                "groups => DotNet.invokeMethodAsync('DelegationWidgets.Widgets', 'ProfileVerdicts', groups)", groups.ToJsonString())).RootElement;
            for (var g = 0; g < server.Count; g++)
            {
                var (description, refused, valid, tests) = server[g];
                var widget = verdicts[g];
                cases += valid.Length;
                if (widget.GetProperty("refused").GetBoolean() != refused)
                {
                    differences.Add($"{file} | {description}: server {(refused ? "refuses" : "accepts")} the schema, the widget does not");
                    continue;
                }

                inProfile += refused ? 0 : valid.Length;
                for (var t = 0; t < valid.Length; t++)
                {
                    if (widget.GetProperty("valid")[t].GetBoolean() != valid[t])
                    {
                        differences.Add($"{file} | {description} | {tests[t]}: server {(valid[t] ? "valid" : "invalid")}, widget not");
                    }
                }
            }
        }

        output.WriteLine($"JSON Schema suite: {cases - differences.Count}/{cases} cases get the server's verdict in the widget (browser, WebAssembly); {inProfile} of them inside the Form Profile");
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(30)));
        Assert.True(inProfile > 1500, $"only {inProfile} cases inside the profile were compared");
    }
}
