using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using DelegationWidgets.Testing;

namespace DelegationWidgets.Host.Tests;

[Collection(HostGroup.Name)]
public sealed class AuthenticationTests(HostFixture fixture)
{
    private const string DevIssuer = "urn:delegationwidgets:dev";
    private const string Audience = "delegationwidgets-api";

    [Fact]
    public async Task Forms_WithoutToken_Returns401Problem()
    {
        var response = await (await fixture.As(null)).GetJsonAsync("api/v1/forms");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("DW1001", response.ErrorId);
        Assert.Equal("application/problem+json", response.Message.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bearer", response.Message.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forms_WithDevelopmentToken_Returns200()
    {
        var response = await (await fixture.As("agent")).GetJsonAsync("api/v1/forms");

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("wrong-audience")]
    [InlineData("wrong-issuer")]
    [InlineData("other-key")]
    [InlineData("alg-none")]
    [InlineData("tampered")]
    [InlineData("not-yet-valid")]
    [InlineData("garbage")]
    [InlineData("hs256-with-public-key")]
    [InlineData("unknown-kid")]
    public async Task Forms_WithBadToken_Returns401(string kind)
    {
        using var client = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BadToken(kind));

        var response = await client.GetJsonAsync("api/v1/forms");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("DW1001", response.ErrorId);
    }

    [Fact]
    public async Task DevToken_UnknownPersona_Returns400WithChoices()
    {
        var response = await (await fixture.As(null)).PostRawAsync("dev/token", "{\"persona\":\"root\"}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("DW1016", response.ErrorId);
        Assert.Contains("agent", response.FieldErrors("/persona")[0], StringComparison.Ordinal);
    }

    private string BadToken(string kind)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = DevIssuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim("sub", "adam.admin"), new Claim("name", "Forged"), new Claim("roles", "dw-admin")]),
            IssuedAt = now.AddMinutes(-5),
            NotBefore = now.AddMinutes(-5),
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(DevelopmentKey(), SecurityAlgorithms.RsaSha256),
        };
        switch (kind)
        {
            case "expired":
                descriptor.IssuedAt = now.AddHours(-3);
                descriptor.NotBefore = now.AddHours(-3);
                descriptor.Expires = now.AddHours(-2);
                break;
            case "not-yet-valid":
                descriptor.IssuedAt = now.AddHours(1);
                descriptor.NotBefore = now.AddHours(1);
                descriptor.Expires = now.AddHours(2);
                break;
            case "wrong-audience":
                descriptor.Audience = "another-api";
                break;
            case "wrong-issuer":
                descriptor.Issuer = "https://evil.example/";
                break;
            case "other-key":
                descriptor.SigningCredentials = new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)) { KeyId = DevelopmentKey().KeyId }, SecurityAlgorithms.RsaSha256);
                break;
            case "alg-none":
                var header = B64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
                var payload = B64(JsonSerializer.Serialize(new { iss = DevIssuer, aud = Audience, sub = "adam.admin", roles = "dw-admin", exp = new DateTimeOffset(now.AddHours(1)).ToUnixTimeSeconds() }));
                return $"{header}.{payload}.";
            case "garbage":
                return "not-a-token";
            case "hs256-with-public-key":
                // Key confusion: HMAC "signed" with the issuer's public RSA key as the shared secret.
                var publicKey = DevelopmentKey().Rsa.ExportSubjectPublicKeyInfo();
                descriptor.SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(publicKey) { KeyId = DevelopmentKey().KeyId }, SecurityAlgorithms.HmacSha256);
                break;
            case "unknown-kid":
                descriptor.SigningCredentials = new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)) { KeyId = "kid-nobody-issued" }, SecurityAlgorithms.RsaSha256);
                break;
        }

        var token = new JsonWebTokenHandler().CreateToken(descriptor);
        if (kind == "tampered")
        {
            var parts = token.Split('.');
            var claims = JsonSerializer.Deserialize<Dictionary<string, object>>(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])))!;
            claims["sub"] = "someone.else";
            parts[1] = B64(JsonSerializer.Serialize(claims));
            token = string.Join('.', parts);
        }

        return token;
    }

    private RsaSecurityKey DevelopmentKey()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixture.Host.WorkingDirectory, "data", "dev-signing-key.json")));
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(file.RootElement.GetProperty("Pkcs8").GetString()!), out _);
        return new RsaSecurityKey(rsa) { KeyId = file.RootElement.GetProperty("KeyId").GetString() };
    }

    private static string B64(string text) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(text));
}
