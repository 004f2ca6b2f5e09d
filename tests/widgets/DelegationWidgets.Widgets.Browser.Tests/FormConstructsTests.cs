using System.Text.Json;
using DelegationWidgets.Testing;
using Microsoft.Playwright;

namespace DelegationWidgets.Widgets.Browser.Tests;

/// <summary>
/// A form published through the admin API that uses every construct the widget renders: labelled choices, UI showWhen
/// rules, an if/then/else branch, a section, rows with add/remove, multi-select, a whole number, a read-only default.
/// Hidden fields are not sent: the server's dry run shows what arrived.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class FormConstructsTests(BrowserFixture browser)
{
    private const string Showcase = """
        {
          "id": "widget-showcase", "version": 1, "title": "Widget showcase", "category": "Tests",
          "requires": { "reason": false, "ticket": false },
          "target": { "field": "user", "kind": "user" },
          "schema": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "required": ["user", "kind"],
            "properties": {
              "user": { "type": "string", "title": "User", "minLength": 1 },
              "kind": { "type": "string", "title": "Change", "oneOf": [ { "const": "phone", "title": "New phone number" }, { "const": "mail", "title": "New e-mail address" } ], "default": "phone" },
              "phone": { "type": "string", "title": "Phone", "pattern": "^\\+?[0-9][0-9 ()\\-]{5,24}$" },
              "mail": { "type": "string", "title": "E-mail", "format": "email" },
              "notes": { "type": "string", "title": "Notes", "maxLength": 200 },
              "office": { "type": "object", "title": "Office address", "properties": { "street": { "type": "string", "title": "Street" }, "city": { "type": "string", "title": "City" } } },
              "devices": { "type": "array", "title": "Devices", "maxItems": 2, "items": { "type": "object", "required": ["tag"], "properties": { "tag": { "type": "string", "title": "Asset tag", "minLength": 3 }, "shared": { "type": "boolean", "title": "Shared device" } } } },
              "channels": { "type": "array", "title": "Notify by", "items": { "enum": ["mail", "sms"] } },
              "seats": { "type": "integer", "title": "Seats", "minimum": 1, "maximum": 5 },
              "website": { "type": "string", "title": "Website", "format": "uri" },
              "reference": { "type": "string", "title": "Reference", "readOnly": true, "default": "R-1" }
            },
            "if": { "properties": { "kind": { "const": "phone" } } },
            "then": { "required": ["phone"], "properties": { "extension": { "type": "string", "title": "Extension", "maxLength": 6 } } },
            "else": { "required": ["mail"] }
          },
          "uiSchema": {
            "order": ["user", "kind", "phone", "extension", "mail", "notes", "office", "devices", "channels", "seats", "website", "reference"],
            "fields": {
              "user": { "widget": "lookup" },
              "kind": { "widget": "radio" },
              "phone": { "showWhen": { "kind": "phone" } },
              "mail": { "showWhen": { "kind": "mail" } },
              "notes": { "widget": "textarea" }
            }
          },
          "lookups": { "user": { "source": "directory.users" } },
          "task": { "connector": "directory", "action": "updateContactDetails", "parameters": { "userId": "/user", "mail": "/mail", "phone": "/phone" } }
        }
        """;

    [Fact]
    public async Task Showcase_RendersEveryConstruct_HidesBranches_AndSendsOnlyWhatIsShown()
    {
        using var admin = await browser.Host.ClientAsync("admin");
        var published = await admin.PostRawAsync("api/v1/admin/forms", Showcase);
        Assert.True(published.Status is System.Net.HttpStatusCode.Created or System.Net.HttpStatusCode.Conflict, published.ToString());
        var page = browser.TestPage("/showcase.html", "<dw-form form=\"widget-showcase\"></dw-form>", "data-persona=\"admin\"");
        var (context, tab, _) = await browser.OpenAsync(page);
        await using var _c = context;
        var form = tab.Locator("dw-form");
        await form.GetByRole(AriaRole.Heading, new() { Name = "Widget showcase" }).WaitForAsync(BrowserFixture.Visible);

        // Defaults, the phone branch, a section, rows, multi-select, a number and a read-only field.
        Assert.True(await form.GetByRole(AriaRole.Radio, new() { Name = "New phone number" }).IsCheckedAsync());
        Assert.True(await form.GetByRole(AriaRole.Textbox, new() { Name = "Phone *", Exact = true }).IsVisibleAsync());
        Assert.True(await form.GetByRole(AriaRole.Textbox, new() { Name = "Extension", Exact = true }).IsVisibleAsync());
        Assert.Equal(0, await form.GetByRole(AriaRole.Textbox, new() { Name = "E-mail *", Exact = true }).CountAsync());
        Assert.True(await form.Locator("fieldset.dw-section legend", new() { HasText = "Office address" }).IsVisibleAsync());
        Assert.True(await form.GetByRole(AriaRole.Checkbox, new() { Name = "sms" }).IsVisibleAsync());
        Assert.Equal("number", await form.GetByLabel("Seats", new() { Exact = true }).GetAttributeAsync("type"));
        Assert.Equal("R-1", await form.GetByLabel("Reference", new() { Exact = true }).InputValueAsync());
        Assert.NotNull(await form.GetByLabel("Reference", new() { Exact = true }).GetAttributeAsync("readonly"));

        // The Form Profile (lazily loaded after the form showed) checks what the field checks do not, e.g. format uri.
        await tab.EvaluateAsync<string>("() => DotNet.invokeMethodAsync('DelegationWidgets.Widgets', 'ProfileVerdicts', '[]')");
        var website = form.GetByLabel("Website", new() { Exact = true });
        await website.FillAsync("not a uri");
        await website.BlurAsync();
        await form.Locator("#" + await website.GetAttributeAsync("id") + "-error").WaitForAsync(BrowserFixture.Visible);
        Assert.Equal("true", await website.GetAttributeAsync("aria-invalid"));
        await website.FillAsync("https://intranet.example/desk");
        await website.BlurAsync();
        Assert.Null(await website.GetAttributeAsync("aria-invalid"));

        // A phone typed in, then the e-mail branch chosen: the phone is hidden and must not be sent.
        await form.GetByRole(AriaRole.Combobox, new() { Name = "User *" }).FillAsync("emma");
        await form.GetByRole(AriaRole.Option, new() { Name = "Emma" }).First.ClickAsync();
        await form.GetByRole(AriaRole.Textbox, new() { Name = "Phone *", Exact = true }).FillAsync("+31 20 555 0199");
        await form.GetByRole(AriaRole.Textbox, new() { Name = "Phone *", Exact = true }).BlurAsync();
        await form.GetByRole(AriaRole.Radio, new() { Name = "New e-mail address" }).CheckAsync();
        await form.GetByRole(AriaRole.Textbox, new() { Name = "E-mail *", Exact = true }).WaitForAsync(BrowserFixture.Visible);
        Assert.Equal(0, await form.GetByRole(AriaRole.Textbox, new() { Name = "Phone *", Exact = true }).CountAsync());
        Assert.Equal(0, await form.GetByRole(AriaRole.Textbox, new() { Name = "Extension", Exact = true }).CountAsync());
        await form.GetByRole(AriaRole.Textbox, new() { Name = "E-mail *", Exact = true }).FillAsync("emma.new@demo.example");
        await form.GetByRole(AriaRole.Textbox, new() { Name = "Street", Exact = true }).FillAsync("Damrak 1");

        // Rows: add two (the maximum), a too-short tag is marked on its cell, remove one.
        var add = form.GetByRole(AriaRole.Button, new() { Name = "Add row" });
        await add.ClickAsync();
        await add.ClickAsync();
        Assert.True(await add.IsDisabledAsync());
        await form.GetByRole(AriaRole.Textbox, new() { Name = "Asset tag *", Exact = true }).First.FillAsync("AB");
        await form.GetByRole(AriaRole.Button, new() { Name = "Remove row 2" }).ClickAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await form.GetByText("Use at least 3 characters.").WaitForAsync(BrowserFixture.Visible);
        Assert.Equal("true", await form.GetByRole(AriaRole.Textbox, new() { Name = "Asset tag *", Exact = true }).GetAttributeAsync("aria-invalid"));
        await form.GetByRole(AriaRole.Textbox, new() { Name = "Asset tag *", Exact = true }).FillAsync("AB123");
        await form.GetByRole(AriaRole.Textbox, new() { Name = "Asset tag *", Exact = true }).BlurAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        await form.GetByRole(AriaRole.Heading, new() { Name = "This will change" }).WaitForAsync(BrowserFixture.Visible);
        var diff = await form.Locator("table.dw-diff").InnerTextAsync();
        Assert.Contains("emma.new@demo.example", diff, StringComparison.Ordinal);
        Assert.DoesNotContain("555 0199", diff, StringComparison.Ordinal);
    }
}
