namespace DelegationWidgets.FormProfile.Tests;

public sealed class FormSchemaCheckTests
{
    [Fact]
    public void Load_KeywordOutsideProfile_ThrowsNamingKeywordAndPointer()
    {
        const string schema = """{"type":"object","properties":{"tags":{"type":"array","prefixItems":[{"type":"string"}]}}}""";

        var exception = Assert.Throws<FormProfileException>(() => FormSchema.Load(schema));

        var violation = Assert.Single(exception.Violations);
        Assert.Equal(new ProfileViolation("prefixItems", "/properties/tags",
            "Keyword 'prefixItems' at '/properties/tags' is not part of the Form Profile."), violation);
        Assert.Equal(violation.Message, exception.Message);
    }

    [Theory]
    [InlineData("""{"not":{"type":"string"}}""", "not", "")]
    [InlineData("""{"properties":{"a":{"patternProperties":{"^x":{}}}}}""", "patternProperties", "/properties/a")]
    [InlineData("""{"items":{"contains":{"const":1}}}""", "contains", "/items")]
    [InlineData("""{"allOf":[{"$dynamicRef":"#meta"}]}""", "$dynamicRef", "/allOf/0")]
    [InlineData("""{"unevaluatedProperties":false}""", "unevaluatedProperties", "")]
    [InlineData("""{"properties":{"ip":{"type":"string","format":"ipv4"}}}""", "format", "/properties/ip")]
    [InlineData("""{"$ref":"https://example.com/schema.json"}""", "$ref", "")]
    [InlineData("""{"properties":{"a":{"$ref":"other.json#/$defs/x"}}}""", "$ref", "/properties/a")]
    [InlineData("""{"$ref":"#/$defs/missing"}""", "$ref", "")]
    [InlineData("""{"$defs":{"a":{"$anchor":"a"}},"$ref":"#a"}""", "$anchor", "/$defs/a")]
    [InlineData("""{"items":[{"type":"string"}]}""", "items", "")]
    [InlineData("""{"pattern":"(unclosed"}""", "pattern", "")]
    [InlineData("""{"maxLength":-1}""", "maxLength", "")]
    [InlineData("""{"type":"text"}""", "type", "")]
    public void Check_SchemaOutsideProfile_ReportsKeywordAndPointer(string schema, string keyword, string schemaPointer)
    {
        var violations = FormSchema.Check(schema);

        Assert.Contains(violations, v => v.Keyword == keyword && v.SchemaPointer == schemaPointer);
        Assert.All(violations, v => Assert.False(string.IsNullOrWhiteSpace(v.Message)));
    }

    [Fact]
    public void Check_SeveralViolations_ReportsEveryOne()
    {
        var violations = FormSchema.Check("""{"not":{},"properties":{"a":{"contains":{}},"b":{"format":"hostname"}}}""");

        Assert.Equal(3, violations.Count);
        Assert.Equal(["not", "contains", "format"], violations.Select(v => v.Keyword));
    }

    [Fact]
    public void Check_InvalidJson_ReportsJson()
    {
        var violation = Assert.Single(FormSchema.Check("""{"type": """));

        Assert.Equal("json", violation.Keyword);
        Assert.Equal("", violation.SchemaPointer);
    }

    [Fact]
    public void Check_ReferenceLoopThatNeverConsumesData_IsRefused()
    {
        var violations = FormSchema.Check("""{"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"allOf":[{"$ref":"#/$defs/a"}]}},"$ref":"#/$defs/a"}""");

        Assert.Contains(violations, v => v.Keyword == "$ref" && v.Message.Contains("loops", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_RecursionThroughProperties_IsAccepted()
    {
        const string tree = """{"$defs":{"node":{"type":"object","properties":{"children":{"type":"array","items":{"$ref":"#/$defs/node"}}}}},"$ref":"#/$defs/node"}""";

        Assert.Empty(FormSchema.Check(tree));
        var schema = FormSchema.Load(tree);
        Assert.Empty(schema.Validate("""{"children":[{"children":[]}]}"""));
        Assert.Equal("/children/0/children", Assert.Single(schema.Validate("""{"children":[{"children":5}]}""")).Pointer);
    }

    [Fact]
    public void Check_FullProfileSchema_ReturnsNoViolations()
    {
        Assert.Empty(FormSchema.Check(Forms.MailboxPermission));
        Assert.Empty(FormSchema.Check(Forms.TenFields));
    }

    [Fact]
    public void Check_Draft7DefinitionsReference_IsAccepted()
    {
        const string schema = """{"$schema":"http://json-schema.org/draft-07/schema#","definitions":{"upn":{"type":"string","format":"email"}},"properties":{"user":{"$ref":"#/definitions/upn"}}}""";

        Assert.Empty(FormSchema.Check(schema));
        Assert.Equal("format", Assert.Single(FormSchema.Load(schema).Validate("""{"user":"nope"}""")).Keyword);
    }

    [Fact]
    public void Check_UnknownDialect_IsRefused()
    {
        var violation = Assert.Single(FormSchema.Check("""{"$schema":"http://json-schema.org/draft-04/schema#"}"""));

        Assert.Equal("$schema", violation.Keyword);
    }
}
