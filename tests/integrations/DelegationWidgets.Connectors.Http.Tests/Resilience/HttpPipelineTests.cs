using System.Net;
using System.Net.Http.Headers;
using DelegationWidgets.Connectors.Http.Resilience;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.CircuitBreaker;

namespace DelegationWidgets.Connectors.Http.Tests.Resilience;

public sealed class HttpPipelineTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.NotImplemented, false)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    public void IsTransient_Status_RetriedOnlyWhereAskingAgainMayHelp(HttpStatusCode status, bool expected)
    {
        Assert.Equal(expected, HttpPipeline.IsTransient(status));
    }

    [Fact]
    public void RetryAfter_SecondsOrDate_IsTheWaitFromNow()
    {
        var time = new FakeTimeProvider(Start);
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        date.Headers.RetryAfter = new RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(12));
        using var none = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Equal(TimeSpan.FromSeconds(7), HttpPipeline.RetryAfter(seconds, time));
        Assert.Equal(TimeSpan.FromSeconds(12), HttpPipeline.RetryAfter(date, time));
        Assert.Null(HttpPipeline.RetryAfter(none, time));
    }

    [Theory]
    [InlineData(true, 3)]
    [InlineData(false, 1)]
    public async Task Create_MayRepeat_DecidesFromTheRequestsMarkAndTheOutcome(bool retrySafe, int expectedAttempts)
    {
        var asked = new List<(bool RetrySafe, HttpStatusCode? Status)>();
        var pipeline = HttpPipeline.Create(
            Options(),
            (safe, outcome) =>
            {
                asked.Add((safe, outcome.Result?.StatusCode));
                return safe;
            },
            new HttpPipelineLog((_, _, _) => { }, (_, _) => { }, () => { }),
            new FakeTimeProvider(Start));

        var attempts = 0;
        using var response = await ExecuteAsync(pipeline, retrySafe, () =>
        {
            attempts++;
            return HttpStatusCode.ServiceUnavailable;
        });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(expectedAttempts, attempts);
        Assert.NotEmpty(asked);
        Assert.All(asked, question => Assert.Equal((retrySafe, HttpStatusCode.ServiceUnavailable), question));
    }

    [Fact]
    public async Task Create_RepeatedFailures_LogEachRetryThenTheCircuitOpeningAndClosing()
    {
        var time = new FakeTimeProvider(Start);
        var events = new List<string>();
        var options = Options();
        options.MaxRetries = 1;
        options.CircuitMinimumThroughput = 2;
        var pipeline = HttpPipeline.Create(
            options,
            (safe, _) => safe,
            new HttpPipelineLog(
                (retry, delay, reason) => events.Add($"retry {retry} in {delay} after {reason}"),
                (breakDuration, reason) => events.Add($"opened for {breakDuration} after {reason}"),
                () => events.Add("closed")),
            time);

        using var failed = await ExecuteAsync(pipeline, true, () => HttpStatusCode.BadGateway);
        await Assert.ThrowsAsync<BrokenCircuitException>(() => ExecuteAsync(pipeline, true, () => HttpStatusCode.OK));
        time.Advance(options.BreakDuration);
        using var recovered = await ExecuteAsync(pipeline, true, () => HttpStatusCode.OK);

        string[] expected = ["retry 1 in 00:00:00 after HTTP 502", "opened for 00:00:30 after HTTP 502", "closed"];
        Assert.Equal(expected, events);
        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    private static TestOptions Options() => new() { MaxRetries = 2, RetryDelay = TimeSpan.Zero };

    private static async Task<HttpResponseMessage> ExecuteAsync(ResiliencePipeline<HttpResponseMessage> pipeline, bool retrySafe, Func<HttpStatusCode> answer)
    {
        var context = ResilienceContextPool.Shared.Get(CancellationToken.None);
        context.Properties.Set(HttpPipeline.RetrySafe, retrySafe);
        try
        {
            return await pipeline.ExecuteAsync(_ => ValueTask.FromResult(new HttpResponseMessage(answer())), context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private sealed class TestOptions : HttpConnectorOptions;
}
