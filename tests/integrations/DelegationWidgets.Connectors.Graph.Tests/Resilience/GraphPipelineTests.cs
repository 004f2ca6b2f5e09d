using System.Net;
using System.Net.Http.Headers;
using DelegationWidgets.Connectors.Graph.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace DelegationWidgets.Connectors.Graph.Tests.Resilience;

public sealed class GraphPipelineTests
{
    [Theory]
    [InlineData("GET", "https://graph.microsoft.com/v1.0/users/u1", true)]
    [InlineData("PATCH", "https://graph.microsoft.com/v1.0/users/u1", true)]
    [InlineData("DELETE", "https://graph.microsoft.com/v1.0/groups/g1/members/u1/$ref", true)]
    [InlineData("POST", "https://graph.microsoft.com/v1.0/groups/g1/members/$ref", true)]
    [InlineData("POST", "https://graph.microsoft.com/v1.0/users", false)]
    [InlineData("POST", "https://graph.microsoft.com/v1.0/groups/g1/members", false)]
    [InlineData("PUT", "https://graph.microsoft.com/v1.0/users/u1", false)]
    public void IsRetrySafe_MethodAndPath_OnlyRequestsWhoseRepeatChangesNothing(string method, string uri, bool expected)
    {
        Assert.Equal(expected, GraphPipeline.IsRetrySafe(new HttpMethod(method), new Uri(uri)));
    }

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
        Assert.Equal(expected, GraphPipeline.IsTransient(status));
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

        Assert.Equal(TimeSpan.FromSeconds(7), GraphPipeline.RetryAfter(seconds, time));
        Assert.Equal(TimeSpan.FromSeconds(12), GraphPipeline.RetryAfter(date, time));
        Assert.Null(GraphPipeline.RetryAfter(none, time));
    }
}
