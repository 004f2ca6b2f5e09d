using System.Text.Json.Serialization;

namespace DelegationWidgets.Sdk.Models;

/// <summary>The answer of <c>GET /healthz</c>.</summary>
/// <param name="Status"><c>ok</c> when the host and its database are up; otherwise what is wrong (e.g. <c>database unavailable</c>).</param>
public sealed record HealthReport(string Status)
{
    /// <summary>The value of <see cref="Status"/> when the host is healthy.</summary>
    public const string Healthy = "ok";

    /// <summary>Whether the host reported itself healthy.</summary>
    [JsonIgnore]
    public bool IsHealthy => string.Equals(Status, Healthy, StringComparison.Ordinal);
}
