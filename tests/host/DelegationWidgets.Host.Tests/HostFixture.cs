using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Tests;

/// <summary>One real host for the collection, on a random port with its own database.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    public HostProcess Host { get; } = new();

    private readonly Dictionary<string, HttpClient> _clients = [];

    public Task InitializeAsync() => Host.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await Host.DisposeAsync();
    }

    /// <summary>A client with a token for the persona (cached), or without a token.</summary>
    public async Task<HttpClient> As(string? persona)
    {
        var key = persona ?? "";
        if (!_clients.TryGetValue(key, out var client))
        {
            client = await Host.ClientAsync(persona);
            _clients[key] = client;
        }

        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class HostGroup : ICollectionFixture<HostFixture>
{
    public const string Name = "host";
}

/// <summary>A response read as JSON, with its status.</summary>
public sealed record ApiResponse(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Message)
{
    public string ErrorId => Body.TryGetProperty("errorId", out var id) ? id.GetString()! : "";

    public string[] FieldErrors(string field) =>
        Body.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages)
            ? [.. messages.EnumerateArray().Select(m => m.GetString()!)]
            : [];
}

public static class Api
{
    public static async Task<ApiResponse> GetJsonAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return await ReadAsync(response);
    }

    public static async Task<ApiResponse> SubmitAsync(this HttpClient client, string form, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/forms/{form}/submissions") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await ReadAsync(await client.SendAsync(request));
    }

    public static async Task<ApiResponse> PostRawAsync(this HttpClient client, string path, string body, string contentType = "application/json")
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new(contentType);
        return await ReadAsync(await client.PostAsync(path, content));
    }

    /// <summary>Ids of every option of a lookup, paging through all pages.</summary>
    public static async Task<List<string>> LookupAllAsync(this HttpClient client, string form, string field, string? q = null, string? extraQuery = null)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var path = $"api/v1/forms/{form}/lookups/{field}?q={Uri.EscapeDataString(q ?? "")}" +
                (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)) + (extraQuery is null ? "" : "&" + extraQuery);
            var page = await client.GetJsonAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            ids.AddRange(page.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            cursor = page.Body.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return ids;
    }

    private static async Task<ApiResponse> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var isJson = response.Content.Headers.ContentType?.MediaType is "application/json" or "application/problem+json";
        var body = isJson && !string.IsNullOrWhiteSpace(text) ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return new ApiResponse(response.StatusCode, body, response);
    }
}
