namespace DelegationWidgets.FormProfile.Tests;

/// <summary>Keywords NJsonSchema alone ignores or gets wrong, which the profile's pipeline must get right.</summary>
public sealed class NJsonSchemaGapTests
{
    [Fact]
    public void Validate_Const_IsEnforced()
    {
        var schema = FormSchema.Load("""{"properties":{"confirm":{"const":true}}}""");

        Assert.Empty(schema.Validate("""{"confirm":true}"""));
        Assert.Equal(new FieldError("/confirm", "const", "Must be true."), Assert.Single(schema.Validate("""{"confirm":false}""")));
    }

    [Fact]
    public void Validate_ConstObject_IgnoresKeyOrder()
    {
        var schema = FormSchema.Load("""{"const":{"a":1,"b":[1,2]}}""");

        Assert.Empty(schema.Validate("""{"b":[1.0,2],"a":1}"""));
        Assert.Single(schema.Validate("""{"b":[2,1],"a":1}"""));
    }

    [Fact]
    public void Validate_IfThenElse_ReportsTheBranchThatApplies()
    {
        var schema = FormSchema.Load("""
            {"properties":{"kind":{"enum":["employee","contractor"]}},
             "if":{"properties":{"kind":{"const":"contractor"}},"required":["kind"]},
             "then":{"required":["agency"]},
             "else":{"properties":{"agency":false}}}
            """);

        Assert.Empty(schema.Validate("""{"kind":"contractor","agency":"ACME"}"""));
        Assert.Empty(schema.Validate("""{"kind":"employee"}"""));
        Assert.Equal(new FieldError("/agency", "required", "This field is required."), Assert.Single(schema.Validate("""{"kind":"contractor"}""")));
        Assert.Equal(new FieldError("/agency", "false", "This field is not allowed."), Assert.Single(schema.Validate("""{"kind":"employee","agency":"ACME"}""")));
    }

    [Fact]
    public void Validate_DependentRequired_ReportsMissingDependents()
    {
        var schema = FormSchema.Load("""{"dependentRequired":{"forwardTo":["forwardUntil","keepCopy"]}}""");

        Assert.Empty(schema.Validate("""{}"""));
        Assert.Empty(schema.Validate("""{"forwardTo":"a@example.com","forwardUntil":"2027-01-01","keepCopy":true}"""));
        Assert.Equal(
            [new FieldError("/forwardUntil", "required", "This field is required."), new FieldError("/keepCopy", "required", "This field is required.")],
            schema.Validate("""{"forwardTo":"a@example.com"}"""));
        Assert.Empty(schema.Validate("""["forwardTo"]"""));
    }

    [Fact]
    public void Validate_EnumWithNumberOne_RefusesStringOne()
    {
        var schema = FormSchema.Load("""{"enum":[1, true, null]}""");

        Assert.Empty(schema.Validate("1"));
        Assert.Empty(schema.Validate("1.0"));
        Assert.Equal(new FieldError("", "enum", "Must be one of: 1, true, null."), Assert.Single(schema.Validate("\"1\"")));
        Assert.Single(schema.Validate("\"true\""));
        Assert.Single(schema.Validate("\"null\""));
    }

    [Fact]
    public void Validate_IntegerValuedFloat_IsAnInteger()
    {
        var schema = FormSchema.Load("""{"type":"integer"}""");

        Assert.Empty(schema.Validate("1.0"));
        Assert.Empty(schema.Validate("1e2"));
        Assert.Equal(new FieldError("", "type", "Must be a whole number."), Assert.Single(schema.Validate("1.5")));
        Assert.Single(schema.Validate("\"1\""));
    }

    [Fact]
    public void Validate_UniqueItems_ComparesByValue()
    {
        var schema = FormSchema.Load("""{"uniqueItems":true}""");

        Assert.Single(schema.Validate("[1, 1.0]"));
        Assert.Single(schema.Validate("""[{"a":1,"b":2},{"b":2,"a":1}]"""));
        Assert.Empty(schema.Validate("""[1, true, "1"]"""));
    }

    [Fact]
    public void Validate_MaxLength_CountsCodePointsNotUtf16Units()
    {
        var schema = FormSchema.Load("""{"maxLength":2}""");

        Assert.Empty(schema.Validate("\"\uD83D\uDCA9\uD83D\uDCA9\""));
        Assert.Single(schema.Validate("\"abc\""));
    }

    [Fact]
    public void Validate_RequiredOnNonObject_IsIgnored()
    {
        var schema = FormSchema.Load("""{"required":["a"]}""");

        Assert.Empty(schema.Validate("[]"));
        Assert.Empty(schema.Validate("\"a\""));
    }

    [Fact]
    public void Validate_MaxItemsZero_IsEnforced()
    {
        var schema = FormSchema.Load("""{"maxItems":0}""");

        Assert.Equal(new FieldError("", "maxItems", "Must be empty."), Assert.Single(schema.Validate("[1]")));
    }

    [Fact]
    public void Validate_Draft7RefSiblings_AreIgnored()
    {
        var draft7 = FormSchema.Load("""{"$schema":"http://json-schema.org/draft-07/schema#","definitions":{"s":{"type":"string"}},"$ref":"#/definitions/s","maxLength":2}""");
        var draft2020 = FormSchema.Load("""{"$defs":{"s":{"type":"string"}},"$ref":"#/$defs/s","maxLength":2}""");

        Assert.Empty(draft7.Validate("\"abc\""));
        Assert.Single(draft2020.Validate("\"abc\""));
    }

    [Fact]
    public void Validate_SingleReferenceInAnyOf_KeepsSiblingChecks()
    {
        // NJsonSchema treats a one-element anyOf around a $ref as the referenced schema itself; the profile must not.
        var schema = FormSchema.Load("""{"$defs":{"s":{"type":"string"}},"anyOf":[{"$ref":"#/$defs/s"}],"maxLength":2}""");

        Assert.Empty(schema.Validate("\"ab\""));
        Assert.Single(schema.Validate("\"abc\""));
        Assert.Single(schema.Validate("1"));
    }
}
