using System.Net;
using DelegationWidgets.Connectors.Itsm.Resilience;
using Polly;
using Polly.Timeout;

namespace DelegationWidgets.Connectors.Itsm.Tests.Resilience;

public sealed class TicketPipelineTests
{
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
}
