using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DelegationWidgets.Sdk;
using DelegationWidgets.Sdk.Models;
using DelegationWidgets.Sdk.Serialization;

namespace DelegationWidgets.Widgets.Catalog;

/// <summary>
/// The self-service calls of the REST API (catalog, requests, approvals) for <c>dw-catalog</c>, <c>dw-requests</c> and
/// <c>dw-approvals</c>. Sent through the widgets' <see cref="HttpClient"/> (the host's token on every request), JSON through
/// a source-generated context (the bundle is trimmed), and an error answer becomes a <see cref="DelegationApiException"/>
/// as the SDK builds it (status, error id, detail, messages per field), so the widgets handle both clients alike.
/// </summary>
/// <remarks>
/// The SDK's <see cref="DelegationClient"/> has the same calls, but one client serves every widget on the page; these carry
/// each widget's own language (<see cref="In"/>), so a Dutch and an English widget on one page each get their texts.
/// </remarks>
internal sealed class SelfServiceApi(HttpClient http, Uri baseAddress, string? language = null)
{
    /// <summary>The same calls, asking the server for its texts (titles, rules, problem details) in the widget's language.</summary>
    public SelfServiceApi In(string lang) => new(http, baseAddress, lang);

    private static SelfServiceJson Types => SelfServiceJson.Default;

    /// <summary><c>GET /api/v1/catalog</c>: the products the caller may request.</summary>
    public Task<IReadOnlyList<CatalogItem>> GetCatalogAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "api/v1/catalog", null, null, Types.IReadOnlyListCatalogItem, cancellationToken);

    /// <summary><c>POST /api/v1/requests</c> with an idempotency key: the same key sent again cannot request twice.</summary>
    public Task<AccessRequest> RequestAsync(AccessRequestInput input, string idempotencyKey, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "api/v1/requests", Body(input, Types.AccessRequestInput), idempotencyKey, Types.AccessRequest, cancellationToken);

    /// <summary><c>GET /api/v1/requests?mine=true</c>: the caller's requests, newest first.</summary>
    public Task<IReadOnlyList<AccessRequest>> GetMyRequestsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "api/v1/requests?mine=true", null, null, Types.IReadOnlyListAccessRequest, cancellationToken);

    /// <summary><c>GET /api/v1/requests/{id}</c>: a request with its timeline.</summary>
    public Task<AccessRequest> GetRequestAsync(string requestId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"api/v1/requests/{Uri.EscapeDataString(requestId)}", null, null, Types.AccessRequest, cancellationToken);

    /// <summary><c>POST /api/v1/requests/{id}/cancel</c>: 409 when it no longer waits for approval.</summary>
    public Task<AccessRequest> CancelRequestAsync(string requestId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/requests/{Uri.EscapeDataString(requestId)}/cancel", null, null, Types.AccessRequest, cancellationToken);

    /// <summary><c>GET /api/v1/approvals</c>: the approval steps waiting for the caller.</summary>
    public Task<IReadOnlyList<PendingApproval>> GetApprovalsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "api/v1/approvals", null, null, Types.IReadOnlyListPendingApproval, cancellationToken);

    /// <summary><c>POST /api/v1/approvals/{id}/decision</c>: 409 when already decided, 403 when the caller may not decide.</summary>
    public Task<AccessRequest> DecideAsync(string approvalId, ApprovalDecisionInput decision, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/approvals/{Uri.EscapeDataString(approvalId)}/decision", Body(decision, Types.ApprovalDecisionInput), null,
            Types.AccessRequest, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? body, string? idempotencyKey, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseAddress, path)) { Content = body };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("application/problem+json");
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation(DelegationClient.IdempotencyKeyHeader, idempotencyKey);
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            throw ProblemReader.FromBody(status, response.ReasonPhrase, text);
        }

        try
        {
            return JsonSerializer.Deserialize(text, type) ?? throw new JsonException("The body was null.");
        }
        catch (JsonException e)
        {
            throw new DelegationApiException(status, null, "The response could not be read.", $"Expected {typeof(T).Name} as JSON: {e.Message}", innerException: e);
        }
    }

    private static ByteArrayContent Body<T>(T value, JsonTypeInfo<T> type)
    {
        // Bytes, not a stream: the token handler sends the same request again after a 401.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, type));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }
}
