using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DelegationWidgets.Host.Identity;

/// <summary>
/// Mints RS256 tokens for the development personas with a local key. Only registered when
/// <see cref="DevelopmentIssuerOptions.Enabled"/> is true.
/// </summary>
internal sealed class DevelopmentIssuer
{
    private readonly DevelopmentIssuerOptions _options;
    private readonly IReadOnlyDictionary<string, Persona> _personas;
    private readonly SigningCredentials _credentials;

    public DevelopmentIssuer(IOptions<DevelopmentIssuerOptions> options)
    {
        _options = options.Value;
        _personas = PersonasFile.Load(AppPaths.Shipped(_options.PersonasFile));
        SigningKey = LoadOrCreateKey(AppPaths.Data(_options.KeyFile));
        _credentials = new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256);
    }

    public RsaSecurityKey SigningKey { get; }

    public IEnumerable<Persona> Personas => _personas.Values;

    public bool TryIssue(string persona, out string token)
    {
        token = "";
        if (!_personas.TryGetValue(persona, out var p))
        {
            return false;
        }

        var now = DateTime.UtcNow; // tokens live in real time, as token validation reads it (not the host's DevClock)
        var claims = new List<Claim>
        {
            new("sub", p.Subject),
            new("name", p.DisplayName),
            new("azp", "dev-token"),
            new("jti", Guid.NewGuid().ToString("N")),
        };
        claims.AddRange(p.Roles.Select(r => new Claim("roles", r)));
        token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + _options.TokenLifetime,
            SigningCredentials = _credentials,
        });
        return true;
    }

    private static RsaSecurityKey LoadOrCreateKey(string path)
    {
        var rsa = RSA.Create(2048);
        if (File.Exists(path))
        {
            var stored = JsonSerializer.Deserialize<StoredKey>(File.ReadAllText(path))
                ?? throw new InvalidOperationException($"DevelopmentIssuer:KeyFile '{path}' is empty.");
            rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(stored.Pkcs8), out _);
            return new RsaSecurityKey(rsa) { KeyId = stored.KeyId };
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = new StoredKey(Guid.NewGuid().ToString("N")[..16], Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()));
        File.WriteAllText(path, JsonSerializer.Serialize(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return new RsaSecurityKey(rsa) { KeyId = key.KeyId };
    }

    private sealed record StoredKey(string KeyId, string Pkcs8);
}
