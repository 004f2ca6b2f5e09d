using System.Diagnostics;

namespace DelegationWidgets.FormProfile.Tests;

public sealed class PatternTests
{
    [Fact]
    public void Validate_PatternMismatch_ReportsFormatMessage()
    {
        var schema = FormSchema.Load("""{"pattern":"^[0-9]{6}$"}""");

        Assert.Empty(schema.Validate("\"123456\""));
        Assert.Equal(new FieldError("", "pattern", "Is not in the required format."), Assert.Single(schema.Validate("\"12345a\"")));
    }

    [Fact]
    public void Validate_PatternIsNotAnchored_MatchesAnywhere()
    {
        Assert.Empty(FormSchema.Load("""{"pattern":"c"}""").Validate("\"abcd\""));
    }

    [Fact]
    public void Validate_CatastrophicBacktracking_BecomesFieldErrorInsteadOfHanging()
    {
        // The backreference forces the backtracking engine, where (a+)+ explodes on a failing input.
        var schema = FormSchema.Load("""{"properties":{"code":{"type":"string","pattern":"^(a+)+\\1b$"}}}""");
        var input = "{\"code\":\"" + new string('a', 40) + "!\"}";

        var stopwatch = Stopwatch.StartNew();
        var errors = schema.Validate(input);
        stopwatch.Stop();

        var error = Assert.Single(errors);
        Assert.Equal("/code", error.Pointer);
        Assert.Equal("pattern", error.Keyword);
        Assert.Contains("in time", error.Message, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"Took {stopwatch.Elapsed}.");
    }

    [Fact]
    public void Validate_NestedQuantifierWithoutBackreference_RunsInLinearTime()
    {
        var schema = FormSchema.Load("""{"pattern":"^(a+)+$"}""");

        var error = Assert.Single(schema.Validate("\"" + new string('a', 5000) + "!\""));

        Assert.Equal("Is not in the required format.", error.Message);
    }
}
