using System.Net.Http.Json;
using System.Text.Json;

namespace DelegationWidgets.Connectors.Itsm.Http;

/// <summary>Reading a ticket system's answers: JSON bodies, and the reason a refusal gives, for messages and logs.</summary>
internal static class TicketAnswers
{
    private const int MaximumReasonLength = 300;
    private static readonly char[] LineBreaks = ['\r', '\n'];

    /// <summary>The JSON body, or a <see cref="TicketSystemUnavailableException"/> when it is not JSON the connector can read.</summary>
    public static async Task<T?> ReadJsonAsync<T>(HttpResponseMessage response, string service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new TicketSystemUnavailableException($"The answer from {service} could not be read as JSON ({e.Message}).", e);
        }
        catch (NotSupportedException e)
        {
            throw new TicketSystemUnavailableException($"The answer from {service} is not JSON ({response.Content.Headers.ContentType?.MediaType ?? "no content type"}).", e);
        }
    }

    /// <summary>
    /// The reason a refusal gives: ServiceNow's <c>{"error": {"message", "detail"}}</c>, TOPdesk's <c>[{"message"}]</c>, or a
    /// <c>{"message"}</c> object; "no reason given" otherwise. At most 300 characters, one line.
    /// </summary>
    public static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return "no reason given";
        }

        string? reason = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
            {
                root = root[0];
            }

            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    reason = Join(Text(error, "message"), Text(error, "detail"));
                }

                reason ??= Text(root, "message");
            }
        }
        catch (JsonException)
        {
            reason = null;
        }

        return Shortened(string.IsNullOrWhiteSpace(reason) ? "no reason given" : reason);
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Join(string? first, string? second) =>
        string.IsNullOrWhiteSpace(second) ? first : string.IsNullOrWhiteSpace(first) ? second : first + " (" + second + ")";

    private static string Shortened(string text)
    {
        var line = string.Join(' ', text.Split(LineBreaks, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= MaximumReasonLength ? line : line[..MaximumReasonLength] + "…";
    }
}
