using System.Net;
using DelegationWidgets.Sdk.Retry;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DelegationWidgets.Sdk.Tests.Retry;

public sealed class RetryPoliciesTests
{
    [Theory]
    [InlineData("GET", null, true)]
    [InlineData("HEAD", null, true)]
    [InlineData("POST", "a-key", true)]
    [InlineData("POST", null, false)]
    [InlineData("PUT", "a-key", false)]
    [InlineData("DELETE", null, false)]
    [InlineData("PATCH", "a-key", false)]
    public void IsRepeatable_MethodAndKey_OnlySafeRequests(string method, string? key, bool expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "https://dw.example/api/v1/forms/x/submissions");
        if (key is not null)
        {
            request.Headers.Add(DelegationClient.IdempotencyKeyHeader, key);
        }

        Assert.Equal(expected, RetryPolicies.IsRepeatable(request));
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
    [InlineData(HttpStatusCode.Conflict, false)]
    [InlineData(HttpStatusCode.UnprocessableEntity, false)]
    public void IsTransient_Status_MatchesThePolicy(HttpStatusCode status, bool expected)
    {
        Assert.Equal(expected, RetryPolicies.IsTransient(status));
    }

    [Fact]
    public void RetryAfter_HttpDate_IsMeasuredFromTheTimeProvider()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var policies = new RetryPolicies(Options.Create(new DelegationClientOptions()), time);
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), policies.RetryAfter(response));
        Assert.Equal(TimeSpan.FromSeconds(7), policies.DelayBefore(1, response));
    }

    [Fact]
    public void DelayBefore_NoRetryAfter_GrowsExponentiallyWithinMaxDelay()
    {
        var options = new DelegationClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(1000);
        var policies = new RetryPolicies(Options.Create(options), TimeProvider.System);

        var first = policies.DelayBefore(1, null);
        var third = policies.DelayBefore(3, null);
        var tenth = policies.DelayBefore(10, null);

        Assert.InRange(first.TotalMilliseconds, 50, 100);
        Assert.InRange(third.TotalMilliseconds, 200, 400);
        Assert.InRange(tenth.TotalMilliseconds, 500, 1000);
    }
}
