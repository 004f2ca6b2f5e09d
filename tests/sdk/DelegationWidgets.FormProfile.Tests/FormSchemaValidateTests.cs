using System.Text.Json;

namespace DelegationWidgets.FormProfile.Tests;

public sealed class FormSchemaValidateTests
{
    private static readonly FormSchema Mailbox = FormSchema.Load(Forms.MailboxPermission);

    [Fact]
    public void Validate_ValidData_ReturnsNoErrors()
    {
        Assert.Empty(Mailbox.Validate("""{"mailbox":"sales@example.com","user":"jdoe","permission":"SendAs","until":"2027-01-31"}"""));
        Assert.Empty(FormSchema.Load(Forms.TenFields).Validate(Forms.TenFieldsValidData));
    }

    [Fact]
    public void Validate_MissingRequired_PointsAtMissingProperty()
    {
        var errors = Mailbox.Validate("""{"mailbox":"sales@example.com","permission":"SendAs"}""");

        Assert.Equal(new FieldError("/user", "required", "This field is required."), Assert.Single(errors));
    }

    [Theory]
    [InlineData("""{"mailbox":"sales@example.com","user":"","permission":"SendAs"}""", "/user", "minLength", "This field cannot be empty.")]
    [InlineData("""{"mailbox":"sales@example.com","user":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","permission":"SendAs"}""", "/user", "maxLength", "Must be at most 64 characters.")]
    [InlineData("""{"mailbox":"sales","user":"jdoe","permission":"SendAs"}""", "/mailbox", "format", "Must be a valid e-mail address.")]
    [InlineData("""{"mailbox":"sales@example.com","user":"jdoe","permission":"SendAs","until":"31-01-2027"}""", "/until", "format", "Must be a date (YYYY-MM-DD).")]
    [InlineData("""{"mailbox":"sales@example.com","user":"jdoe","permission":"Owner"}""", "/permission", "oneOf", "Must be one of: Full access, Send as.")]
    [InlineData("""{"mailbox":"sales@example.com","user":"jdoe","permission":"SendAs","automap":"yes"}""", "/automap", "type", "Must be yes or no (true/false).")]
    [InlineData("""{"mailbox":"sales@example.com","user":"jdoe","permission":"SendAs","note":"hi"}""", "/note", "additionalProperties", "This field is not allowed.")]
    [InlineData("""[]""", "", "type", "Must be a group of fields.")]
    public void Validate_InvalidField_ReportsPointerKeywordAndMessage(string data, string dataPointer, string keyword, string message)
    {
        var errors = Mailbox.Validate(data);

        Assert.Equal(new FieldError(dataPointer, keyword, message), Assert.Single(errors));
    }

    [Fact]
    public void Validate_Enum_ListsAllowedValues()
    {
        var schema = FormSchema.Load("""{"properties":{"right":{"enum":["FullAccess","SendAs"]}}}""");

        Assert.Equal(new FieldError("/right", "enum", "Must be one of: FullAccess, SendAs."), Assert.Single(schema.Validate("""{"right":"Owner"}""")));
    }

    [Fact]
    public void Validate_Numbers_ReportLimits()
    {
        var schema = FormSchema.Load("""{"properties":{"a":{"minimum":1},"b":{"maximum":40},"c":{"exclusiveMinimum":0},"d":{"exclusiveMaximum":10},"e":{"multipleOf":0.5}}}""");

        var errors = schema.Validate("""{"a":0,"b":41,"c":0,"d":10,"e":0.3}""");

        Assert.Equal(
            [
                new FieldError("/a", "minimum", "Must be at least 1."),
                new FieldError("/b", "maximum", "Must be at most 40."),
                new FieldError("/c", "exclusiveMinimum", "Must be greater than 0."),
                new FieldError("/d", "exclusiveMaximum", "Must be less than 10."),
                new FieldError("/e", "multipleOf", "Must be a multiple of 0.5."),
            ],
            errors);
    }

    [Fact]
    public void Validate_NestedArrayItem_PointsIntoArray()
    {
        var schema = FormSchema.Load("""{"properties":{"rows":{"type":"array","maxItems":5,"items":{"type":"object","required":["name"],"properties":{"name":{"type":"string","maxLength":3}}}}}}""");

        var errors = schema.Validate("""{"rows":[{"name":"toolong"},{}]}""");

        Assert.Equal(
            [
                new FieldError("/rows/0/name", "maxLength", "Must be at most 3 characters."),
                new FieldError("/rows/1/name", "required", "This field is required."),
            ],
            errors);
    }

    [Fact]
    public void Validate_PropertyNameWithSlashAndTilde_EscapesPointer()
    {
        var schema = FormSchema.Load("""{"properties":{"a/b":{"type":"string"},"c~d":{"type":"string"}},"required":["e/f"]}""");

        var errors = schema.Validate("""{"a/b":1,"c~d":2}""");

        Assert.Equal(["/a~1b", "/c~0d", "/e~1f"], errors.Select(e => e.Pointer).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_InvalidJson_ReturnsRootError()
    {
        Assert.Equal(new FieldError("", "json", "The submitted data is not valid JSON."), Assert.Single(Mailbox.Validate("{")));
    }

    [Fact]
    public void Validate_JsonElementOverload_GivesSameVerdict()
    {
        using var document = JsonDocument.Parse("""{"mailbox":"x","permission":"SendAs"}""");

        Assert.Equal(Mailbox.Validate(document.RootElement.GetRawText()), Mailbox.Validate(document.RootElement));
        Assert.Equal(2, Mailbox.Validate(document.RootElement).Count);
    }

    [Fact]
    public void Validate_HugeNumber_IsAFieldErrorNotAnException()
    {
        var schema = FormSchema.Load("""{"properties":{"n":{"type":"integer","maximum":100}}}""");

        var error = Assert.Single(schema.Validate("""{"n":123456789012345678901234567890123456789}"""));

        Assert.Equal("/n", error.Pointer);
        Assert.Equal("maximum", error.Keyword);
    }

    [Fact]
    public void Validate_ConcurrentCalls_GiveSameResults()
    {
        var schema = FormSchema.Load(Forms.TenFields);
        var expected = schema.Validate("""{"firstName":"","hoursPerWeek":41}""");

        Parallel.For(0, 2000, _ =>
        {
            Assert.Empty(schema.Validate(Forms.TenFieldsValidData));
            Assert.Equal(expected, schema.Validate("""{"firstName":"","hoursPerWeek":41}"""));
        });
    }
}
