using System.Text.Json;

namespace DelegationWidgets.Host.Identity;

/// <summary>A development persona: a named identity the development issuer can mint a token for.</summary>
internal sealed record Persona(string Name, string Subject, string DisplayName, IReadOnlyList<string> Roles);

/// <summary>The personas file.</summary>
internal sealed record PersonasFile(IReadOnlyList<Persona> Personas)
{
    public static IReadOnlyDictionary<string, Persona> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"DevelopmentIssuer:PersonasFile: the file '{path}' does not exist.");
        }

        var file = JsonSerializer.Deserialize<PersonasFile>(File.ReadAllText(path), JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"DevelopmentIssuer:PersonasFile: '{path}' is empty.");
        return file.Personas.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
    }
}
