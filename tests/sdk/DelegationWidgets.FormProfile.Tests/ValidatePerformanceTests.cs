using System.Diagnostics;
using Xunit.Abstractions;

namespace DelegationWidgets.FormProfile.Tests;

/// <summary>Timing runs alone, so the other test classes do not compete for the (shared) cores.</summary>
[CollectionDefinition(nameof(ValidatePerformanceTests), DisableParallelization = true)]
public sealed class ValidatePerformanceRunsAlone;

[Collection(nameof(ValidatePerformanceTests))]
public sealed class ValidatePerformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Validate_TenFieldForm_TakesWellUnderAMillisecond()
    {
        var schema = FormSchema.Load(Forms.TenFields);
        for (var i = 0; i < 2000; i++)
        {
            schema.Validate(Forms.TenFieldsValidData);
        }

        // Best of several batches: the machine is shared, the point is to catch an order-of-magnitude regression.
        const int runs = 500;
        var best = double.MaxValue;
        for (var batch = 0; batch < 5; batch++)
        {
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < runs; i++)
            {
                schema.Validate(Forms.TenFieldsValidData);
            }

            best = Math.Min(best, stopwatch.Elapsed.TotalMilliseconds / runs);
        }

        output.WriteLine($"Validate (10-field form, valid data): {best * 1000:0} µs per call (best batch)");
        Assert.True(best < 1.0, $"Validate took {best:0.000} ms per call.");
    }
}
