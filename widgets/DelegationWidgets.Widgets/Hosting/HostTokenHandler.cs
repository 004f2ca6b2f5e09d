using System.Net;
using System.Net.Http.Headers;

namespace DelegationWidgets.Widgets.Hosting;

/// <summary>
/// Puts the host page's token on every API request. The host page owns the token and its renewal; when the API answers
/// 401 the request is sent once more with a token the host is asked to refresh.
/// </summary>
public sealed class HostTokenHandler(WidgetHost host) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await AuthorizeAsync(request, refresh: false, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        await AuthorizeAsync(request, refresh: true, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task AuthorizeAsync(HttpRequestMessage request, bool refresh, CancellationToken cancellationToken)
    {
        var token = await host.TokenAsync(refresh, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = string.IsNullOrEmpty(token) ? null : new AuthenticationHeaderValue("Bearer", token);
    }
}
