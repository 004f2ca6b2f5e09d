using System.Net;
using System.Text.Json;
using DelegationWidgets.Sdk.Models;

namespace DelegationWidgets.Sdk;

public partial class DelegationClient
{
    /// <summary>
    /// Gets a development token for a persona (<c>agent</c>, <c>keyuser</c>, <c>manager</c>, <c>intern</c>,
    /// <c>employee</c>, <c>admin</c>) from <c>POST /dev/token</c>. Only development and demo hosts issue them; others
    /// answer 404 (<c>DW1015</c>). Sent once, never retried.
    /// </summary>
    /// <exception cref="DelegationApiException">Unknown persona (<c>DW1016</c>), or development tokens are off (<c>DW1015</c>).</exception>
    public virtual async Task<DevTokenResponse> GetDevTokenAsync(string persona, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(persona);
        using var request = new HttpRequestMessage(HttpMethod.Post, Resolve("dev/token"))
        {
            Content = JsonBody(new DevTokenRequest(persona), Types.DevTokenRequest),
        };
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, Types.DevTokenResponse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Gets the host's health from <c>GET /healthz</c>. An unhealthy host (503 with a health report) is returned as a
    /// report with <see cref="HealthReport.IsHealthy"/> false, not thrown.
    /// </summary>
    /// <exception cref="DelegationApiException">Any other error answer.</exception>
    public virtual async Task<HealthReport> GetHealthAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Resolve("healthz"));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (TryReadHealth(body) is { } report)
            {
                return report;
            }

            throw await Serialization.ProblemReader.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        }

        await ThrowIfFailedAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, Types.HealthReport, cancellationToken).ConfigureAwait(false);
    }

    private static HealthReport? TryReadHealth(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, Types.HealthReport) is { Status: not null } report ? report : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
