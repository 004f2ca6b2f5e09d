using System.Text.Json;
using DelegationWidgets.Sdk.Models;

namespace DelegationWidgets.Sdk.Serialization;

/// <summary>Turns an error response into a <see cref="DelegationApiException"/>: an RFC 9457 problem, or any other body.</summary>
public static class ProblemReader
{
    /// <summary>How much of a body that is not a problem response is kept in the exception.</summary>
    internal const int MaxDetailLength = 1000;

    public static async Task<DelegationApiException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return FromBody((int)response.StatusCode, response.ReasonPhrase, body);
    }

    /// <summary>The exception for an error answer whose body was already read.</summary>
    public static DelegationApiException FromBody(int status, string? reasonPhrase, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (TryParseProblem(status, body, out var problem))
        {
            return problem;
        }

        var detail = body.Length > MaxDetailLength ? body[..MaxDetailLength] + "…" : body;
        return new DelegationApiException(status, null, reasonPhrase ?? $"HTTP {status}", string.IsNullOrWhiteSpace(detail) ? null : detail.Trim());
    }

    internal static bool TryParseProblem(int status, string body, out DelegationApiException problem)
    {
        problem = null!;
        if (string.IsNullOrWhiteSpace(body))
        {
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !(root.TryGetProperty("title", out _) || root.TryGetProperty("detail", out _) || root.TryGetProperty("errorId", out _)))
            {
                return false;
            }

            var statusInBody = root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var st) ? st : status;
            problem = new DelegationApiException(statusInBody, String(root, "errorId"), String(root, "title"), String(root, "detail"), Errors(root))
            {
                Type = String(root, "type"),
                TraceId = String(root, "traceId"),
                ChangeId = String(root, "changeId"),
                Change = ChangeOf(root),
            };
            return true;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Dictionary<string, IReadOnlyList<string>>? Errors(JsonElement root)
    {
        if (!root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var field in errors.EnumerateObject())
        {
            result[field.Name] = field.Value.ValueKind switch
            {
                JsonValueKind.Array => [.. field.Value.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString()! : m.GetRawText())],
                JsonValueKind.String => [field.Value.GetString()!],
                _ => [field.Value.GetRawText()],
            };
        }

        return result;
    }

    private static Change? ChangeOf(JsonElement root)
    {
        if (!root.TryGetProperty("change", out var change) || change.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            return change.Deserialize(SdkJson.Default.Change);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
