using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit;

namespace DelegationWidgets.Testing;

/// <summary>A response of the host read as JSON (when it is JSON), with its status, text and the message itself (headers).</summary>
public sealed record ApiResponse(HttpStatusCode Status, JsonElement Body, string Text, HttpResponseMessage Message)
{
    public string ErrorId => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("errorId", out var id) ? id.GetString()! : "";

    /// <summary>The change's id: of the change answered, or the one a problem response names.</summary>
    public string? ChangeId => Body.ValueKind != JsonValueKind.Object ? null
        : Body.TryGetProperty("changeId", out var problemId) ? problemId.GetString()
        : Body.TryGetProperty("id", out var id) ? id.GetString() : null;

    public string[] FieldErrors(string field) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages)
            ? [.. messages.EnumerateArray().Select(m => m.GetString()!)]
            : [];

    /// <summary>The before/after of one attribute of one object in a change (or null).</summary>
    public (string? Before, string? After)? Diff(string objectId, string attribute)
    {
        var change = Body.TryGetProperty("changes", out var direct) ? direct : Body.GetProperty("change").GetProperty("changes");
        foreach (var diff in change.EnumerateArray())
        {
            if (diff.GetProperty("objectId").GetString() == objectId && diff.GetProperty("attribute").GetString() == attribute)
            {
                return (diff.GetProperty("before").GetString(), diff.GetProperty("after").GetString());
            }
        }

        return null;
    }

    public override string ToString() => $"{(int)Status} {Text}";
}

/// <summary>The calls the tests make, as an API client would make them.</summary>
public static class Api
{
    public static async Task<ApiResponse> GetJsonAsync(this HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await ReadAsync(await client.GetAsync(new Uri(path, UriKind.Relative)));
    }

    /// <summary>Submits a form; the Idempotency-Key header is sent only when a key is given (else the host makes one).</summary>
    public static async Task<ApiResponse> SubmitAsync(this HttpClient client, string form, object body, string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"api/v1/forms/{form}/submissions", UriKind.Relative)) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await ReadAsync(await client.SendAsync(request));
    }

    public static async Task<ApiResponse> PostRawAsync(this HttpClient client, string path, string body, string contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(client);
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new(contentType);
        return await ReadAsync(await client.PostAsync(new Uri(path, UriKind.Relative), content));
    }

    /// <summary>Ids of every option of a lookup, paging through all pages.</summary>
    public static async Task<List<string>> LookupAllAsync(this HttpClient client, string form, string field, string? q = null, string? extraQuery = null)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.LookupPageAsync(form, field, q, cursor, extraQuery);
            Assert.True(page.Status == HttpStatusCode.OK, page.ToString());
            ids.AddRange(page.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            cursor = page.Body.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return ids;
    }

    public static Task<ApiResponse> LookupPageAsync(this HttpClient client, string form, string field, string? q, string? cursor = null, string? extraQuery = null) =>
        client.GetJsonAsync($"api/v1/forms/{form}/lookups/{field}?q={Uri.EscapeDataString(q ?? "")}" +
            (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)) + (extraQuery is null ? "" : "&" + extraQuery));

    /// <summary>Reads a response (status, body as JSON when it is JSON, text) for assertions.</summary>
    public static async Task<ApiResponse> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var isJson = response.Content.Headers.ContentType?.MediaType is "application/json" or "application/problem+json";
        var body = isJson && !string.IsNullOrWhiteSpace(text) ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return new ApiResponse(response.StatusCode, body, text, response);
    }
}
