using System.Text.Json.Serialization;

namespace DelegationWidgets.Connectors.Http.Tokens;

/// <summary>A token endpoint's answer: the token and its lifetime in seconds, or an OAuth error (<c>invalid_client</c>, …) and its description.</summary>
internal sealed record OAuthTokenAnswer(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription)
{
    private static readonly char[] LineBreaks = ['\r', '\n'];

    /// <summary>
    /// The error and the first line of its description (<c>invalid_client: AADSTS7000215: Invalid client secret provided.</c>),
    /// or null when the answer names no error. The description names the problem, never the secret itself.
    /// </summary>
    public string? ErrorReason() => Error is { } error ? $"{error}: {FirstLine(ErrorDescription)}" : null;

    private static string FirstLine(string? text) =>
        text?.Split(LineBreaks, 2, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first.Trim() : "no description";
}
