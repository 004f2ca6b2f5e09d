using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DelegationWidgets.Host.Ldap.Tests;

/// <summary>A response read as JSON, with its status.</summary>
public sealed record ApiResponse(HttpStatusCode Status, JsonElement Body, string Text)
{
    public string ErrorId => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("errorId", out var id) ? id.GetString()! : "";

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
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return await ReadAsync(response);
    }

    /// <summary>Submits a form with a new idempotency key (or the one given).</summary>
    public static async Task<ApiResponse> SubmitAsync(this HttpClient client, string form, object body, string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"api/v1/forms/{form}/submissions", UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request);
        return await ReadAsync(response);
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

    /// <summary>The audit events (newest first) for a target, as the administrator sees them.</summary>
    public static async Task<List<JsonElement>> AuditOfAsync(this HttpClient admin, string target)
    {
        var page = await admin.GetJsonAsync($"api/v1/audit?target={Uri.EscapeDataString(target)}&limit=200");
        Assert.True(page.Status == HttpStatusCode.OK, page.ToString());
        return [.. page.Body.GetProperty("items").EnumerateArray()];
    }

    private static async Task<ApiResponse> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var isJson = response.Content.Headers.ContentType?.MediaType is "application/json" or "application/problem+json";
        var body = isJson && !string.IsNullOrWhiteSpace(text) ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return new ApiResponse(response.StatusCode, body, text);
    }
}
