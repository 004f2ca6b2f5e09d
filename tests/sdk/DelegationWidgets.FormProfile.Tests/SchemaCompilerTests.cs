using DelegationWidgets.FormProfile.Compilation;
using NJsonSchema;

namespace DelegationWidgets.FormProfile.Tests;

public sealed class SchemaCompilerTests
{
    [Fact]
    public void Compile_RewrittenSchema_LoadsInNJsonSchemaWithoutYielding()
    {
        // The widget runs on single-threaded WebAssembly, where blocking on an unfinished task throws:
        // FormSchema.Load relies on NJsonSchema finishing synchronously when every reference is local.
        var compiled = SchemaCompiler.Compile(Forms.TenFields);

        var task = JsonSchema.FromJsonAsync(compiled.Rewritten!.ToJsonString(), documentPath: null, LocalReferenceResolver.Create);

        Assert.True(task.IsCompletedSuccessfully);
    }

    [Fact]
    public void Compile_ProfileSchema_LeavesNoKeywordNJsonSchemaGetsWrong()
    {
        var rewritten = SchemaCompiler.Compile(Forms.TenFields).Rewritten!.ToJsonString();

        foreach (var keyword in (string[])["\"if\"", "\"then\"", "\"dependentRequired\"", "\"const\"", "\"enum\"", "\"required\"",
                     "\"type\"", "\"format\"", "\"pattern\"", "\"maxLength\"", "\"uniqueItems\"", "\"$defs\"", "\"$id\"", "\"$schema\""])
        {
            Assert.DoesNotContain(keyword + ":", rewritten, StringComparison.Ordinal);
        }

        Assert.Contains("\"#/definitions/r0\"", rewritten, StringComparison.Ordinal);
    }
}
