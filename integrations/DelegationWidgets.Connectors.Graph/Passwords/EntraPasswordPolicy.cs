using System.Security.Cryptography;

namespace DelegationWidgets.Connectors.Graph.Passwords;

/// <summary>
/// Microsoft Entra ID's password rules for cloud accounts: 8 to 256 characters, from three of the four categories upper
/// case, lower case, digits and symbols, and only letters A–Z, digits, the listed symbols and space (no other Unicode).
/// Entra also refuses banned and breached passwords; only Graph can tell those, when the password is set.
/// </summary>
internal static class EntraPasswordPolicy
{
    public const int MinimumLength = 8;
    public const int MaximumLength = 256;
    public const int GeneratedLength = 16;

    private const string AllowedSymbols = "@#$%^&*-_!+=[]{}|\\:',.?/`~\"();<> ";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "!#$%&*+-=?@^_";

    /// <summary>Why Entra would refuse the password by these rules, or null.</summary>
    public static string? Check(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length is < MinimumLength or > MaximumLength)
        {
            return $"The password must be {MinimumLength} to {MaximumLength} characters long.";
        }

        if (!password.All(c => char.IsAsciiLetterOrDigit(c) || AllowedSymbols.Contains(c, StringComparison.Ordinal)))
        {
            return "The password may contain only letters A-Z and a-z, digits, spaces and the symbols " + AllowedSymbols.Trim() + ".";
        }

        var categories = (password.Any(char.IsAsciiLetterUpper) ? 1 : 0)
            + (password.Any(char.IsAsciiLetterLower) ? 1 : 0)
            + (password.Any(char.IsAsciiDigit) ? 1 : 0)
            + (password.Any(c => !char.IsAsciiLetterOrDigit(c)) ? 1 : 0);
        return categories < 3
            ? "The password must contain characters from at least three of: upper-case letters, lower-case letters, digits, symbols."
            : null;
    }

    /// <summary>A random password of <see cref="GeneratedLength"/> characters with all four categories and no look-alike characters.</summary>
    public static string Generate()
    {
        const string all = Upper + Lower + Digits + Symbols;
        while (true)
        {
            var password = RandomNumberGenerator.GetString(all, GeneratedLength);
            if (password.Any(char.IsAsciiLetterUpper) && password.Any(char.IsAsciiLetterLower)
                && password.Any(char.IsAsciiDigit) && password.Any(c => Symbols.Contains(c, StringComparison.Ordinal)))
            {
                return password;
            }
        }
    }
}
