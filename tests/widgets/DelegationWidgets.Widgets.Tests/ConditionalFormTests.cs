using System.Text.Json;
using DelegationWidgets.Sdk.Models;
using DelegationWidgets.Widgets.Forms;
using DelegationWidgets.Widgets.Texts;

namespace DelegationWidgets.Widgets.Tests;

/// <summary>if/then/else branches, UI showWhen rules, sections and rows: what is shown, required and sent.</summary>
public sealed class ConditionalFormTests
{
    private static FormModel Model(string schema, string ui = "{}") =>
        FormModel.From(new FormDefinition("t", 1, "T", null, null, JsonDocument.Parse(schema).RootElement, JsonDocument.Parse(ui).RootElement,
            new Dictionary<string, FormLookup>(), new FormRequirements(false, false)));

    private const string Branching = """
        {
          "type": "object",
          "required": ["kind"],
          "properties": {
            "kind": { "type": "string", "enum": ["phone", "mail"], "default": "phone" },
            "phone": { "type": "string" },
            "mail": { "type": "string", "format": "email" }
          },
          "if": { "properties": { "kind": { "const": "phone" } } },
          "then": { "required": ["phone"], "properties": { "extension": { "type": "string" } } },
          "else": { "required": ["mail"] }
        }
        """;

    [Fact]
    public void IfThenElse_BranchFieldShownAndRequiredOnlyWhileTheConditionHolds()
    {
        var model = Model(Branching, """{ "fields": { "mail": { "showWhen": { "kind": "mail" } } } }""");
        FormField F(string key) => model.Fields.Single(f => f.Key == key);

        Assert.True(model.IsShown(F("extension")));
        Assert.False(model.IsShown(F("mail")));
        Assert.True(model.IsRequired(F("phone")));
        Assert.Equal(WidgetTexts.English.Required, model.ValidateAll(WidgetTexts.English)["phone"]);

        model["kind"] = "mail";
        model["phone"] = "+31 20 555 0100";
        model["extension"] = "12";

        Assert.False(model.IsShown(F("extension")));
        Assert.True(model.IsShown(F("mail")));
        Assert.False(model.IsRequired(F("phone")));
        Assert.True(model.IsRequired(F("mail")));
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse("""{"kind":"mail","phone":"+31 20 555 0100"}""").RootElement, model.ToData()), model.ToData().GetRawText());
    }

    [Fact]
    public void SectionsAndRows_NestTheirValuesAndValidateEachCell()
    {
        var model = Model("""
            {
              "type": "object",
              "properties": {
                "office": { "type": "object", "title": "Office", "properties": { "city": { "type": "string" } } },
                "devices": { "type": "array", "minItems": 1, "maxItems": 2, "items": { "type": "object", "required": ["tag"], "properties": { "tag": { "type": "string", "minLength": 3 }, "shared": { "type": "boolean" } } } }
              }
            }
            """);
        var office = model.Fields.Single(f => f.Key == "office/city");
        var devices = model.Fields.Single(f => f.Key == "devices");

        Assert.Equal("Office", office.Section);
        Assert.Equal(FieldKind.Rows, devices.Kind);
        Assert.Single(model.Rows(devices)); // minItems rows to start with
        model["office/city"] = "Utrecht";
        model.Rows(devices)[0]["tag"] = "AB";
        model.Rows(devices).Add(FormModel.NewRow(devices));
        model.Rows(devices).Add(FormModel.NewRow(devices));

        var errors = model.ValidateAll(WidgetTexts.English);

        Assert.Equal("Use at most 2 row(s).", errors["devices"]);
        Assert.Equal("Use at least 3 characters.", errors["devices/0/tag"]);
        Assert.Equal(WidgetTexts.English.Required, errors["devices/1/tag"]);
        model.Rows(devices).RemoveRange(1, 2);
        model.Rows(devices)[0]["tag"] = "AB123";
        Assert.Empty(model.ValidateAll(WidgetTexts.English));
        Assert.Equal("""{"office":{"city":"Utrecht"},"devices":[{"tag":"AB123","shared":false}]}""", model.ToData().GetRawText());
    }

    [Fact]
    public void KeyOfAndSections_PointersNameTheirFields_FieldsRunBySection()
    {
        var model = Model("""
            {
              "type": "object",
              "properties": {
                "mobile": { "type": "string" },
                "office": { "type": "object", "title": "Office", "properties": { "city": { "type": "string" }, "a/b": { "type": "string" } } },
                "devices": { "type": "array", "items": { "type": "object", "properties": { "tag": { "type": "string" } } } },
                "note": { "type": "string" }
              }
            }
            """);

        Assert.Equal("mobile", model.KeyOf("/mobile"));
        Assert.Equal("office/city", model.KeyOf("/office/city"));
        Assert.Equal("office/a/b", model.KeyOf("/office/a~1b"));
        Assert.Equal("devices/1/tag", model.KeyOf("/devices/1/tag")); // a row's cell
        Assert.Equal("devices", model.KeyOf("/devices/1")); // within a field: the field
        Assert.Null(model.KeyOf("/unknown"));
        Assert.Null(model.KeyOf(""));
        Assert.Equal(["-: mobile", "Office: office/city, office/a/b", "-: devices, note"],
            model.Sections(model.Shown()).Select(r => $"{r.Section ?? "-"}: {string.Join(", ", r.Fields.Select(f => f.Key))}"));
    }

    [Fact]
    public void ShowWhenChain_AHiddenFieldsOldValueShowsNothing()
    {
        var model = Model("""
            { "type": "object", "properties": { "kind": { "type": "string" }, "reason": { "type": "string" }, "detail": { "type": "string" } } }
            """, """{ "fields": { "reason": { "showWhen": { "kind": "other" } }, "detail": { "showWhen": { "reason": "explain" } } } }""");
        FormField F(string key) => model.Fields.Single(f => f.Key == key);
        model["kind"] = "other";
        model["reason"] = "explain";
        model["detail"] = "why";
        Assert.True(model.IsShown(F("detail")));

        model["kind"] = "standard";

        Assert.False(model.IsShown(F("reason")));
        Assert.False(model.IsShown(F("detail")));
        Assert.Equal("""{"kind":"standard"}""", model.ToData().GetRawText());
    }

    [Theory]
    [InlineData("""{ "const": 1 }""", "1", true)]
    [InlineData("""{ "const": 1 }""", "1.5", false)]
    [InlineData("""{ "enum": ["a", "b"] }""", "\"b\"", true)]
    [InlineData("""{ "required": ["x"] }""", "{}", false)]
    [InlineData("""{ "properties": { "x": { "const": true } } }""", "{}", true)]
    [InlineData("""{ "properties": { "x": { "const": true } } }""", """{ "x": false }""", false)]
    [InlineData("""{ "not": { "type": "string" } }""", "3", true)]
    [InlineData("""{ "anyOf": [ { "type": "integer" }, { "minLength": 3 } ] }""", "\"ab\"", false)]
    [InlineData("""{ "oneOf": [ { "type": "integer" }, { "type": "number" } ] }""", "1.5", true)]
    [InlineData("false", "1", false)]
    public void SchemaMatcher_DecidesConditionKeywords(string schema, string data, bool expected)
    {
        Assert.Equal(expected, SchemaMatcher.Matches(JsonDocument.Parse(schema).RootElement, JsonDocument.Parse(data).RootElement));
    }
}
