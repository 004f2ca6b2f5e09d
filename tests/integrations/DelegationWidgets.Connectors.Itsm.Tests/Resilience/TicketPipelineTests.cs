using System.Net;
using System.Net.Http.Headers;
using DelegationWidgets.Connectors.Itsm.Resilience;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.Timeout;

namespace DelegationWidgets.Connectors.Itsm.Tests.Resilience;

public sealed class TicketPipelineTests
{
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
        Assert.Equal(expected, TicketPipeline.IsTransient(status));
    }

    [Theory]
    [InlineData(HttpRequestError.NameResolutionError, true)]
    [InlineData(HttpRequestError.ConnectionError, true)]
    [InlineData(HttpRequestError.SecureConnectionError, true)]
    [InlineData(HttpRequestError.Unknown, false)]
    [InlineData(HttpRequestError.ResponseEnded, false)]
    public void WasNotSent_ConnectionFailure_OnlyWhenNothingCanHaveBeenSent(HttpRequestError error, bool expected)
    {
        var outcome = Outcome.FromException<HttpResponseMessage>(new HttpRequestException(error, "failed"));

        Assert.Equal(expected, TicketPipeline.WasNotSent(outcome));
    }

    [Fact]
    public void WasNotSent_TimeoutOr500Or429_OnlyThe429()
    {
        using var throttled = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        using var failed = new HttpResponseMessage(HttpStatusCode.InternalServerError);

        Assert.True(TicketPipeline.WasNotSent(Outcome.FromResult(throttled)));
        Assert.False(TicketPipeline.WasNotSent(Outcome.FromResult(failed)));
        Assert.False(TicketPipeline.WasNotSent(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException())));
    }

    [Fact]
    public void RetryAfter_SecondsOrDate_IsTheWaitFromNow()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        date.Headers.RetryAfter = new RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(12));
        using var none = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Equal(TimeSpan.FromSeconds(7), TicketPipeline.RetryAfter(seconds, time));
        Assert.Equal(TimeSpan.FromSeconds(12), TicketPipeline.RetryAfter(date, time));
        Assert.Null(TicketPipeline.RetryAfter(none, time));
    }
}
