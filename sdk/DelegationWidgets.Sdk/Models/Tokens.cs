using System.Text.Json.Serialization;

namespace DelegationWidgets.Sdk.Models;

/// <summary>The body of <c>POST /dev/token</c>.</summary>
public sealed record DevTokenRequest(string Persona);

/// <summary>A development token (only on hosts where the development issuer is switched on).</summary>
public sealed record DevTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn)
{
    /// <summary>Keeps the token out of logs.</summary>
    public override string ToString() => $"DevTokenResponse {{ TokenType = {TokenType}, ExpiresIn = {ExpiresIn} }}";
}
