using DelegationWidgets.Connectors.Graph.Resilience;

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
}
