using System.Security.Cryptography;

namespace DelegationWidgets.Connectors.BuiltIn.Passwords;

/// <summary>
/// The built-in directory's password policy: at least <see cref="MinimumLength"/> characters, at least three of
/// the four categories (upper case, lower case, digit, symbol), and not containing the account id or surname.
/// </summary>
internal static class PasswordPolicy
{
    public const int MinimumLength = 12;
    public const int GeneratedLength = 16;

    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "!#$%&*+-=?@^_";

    /// <summary>Why the password breaks the policy, or null when it meets it.</summary>
    public static string? Check(string password, string accountId, string? surname)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length < MinimumLength)
        {
            return $"The password must be at least {MinimumLength} characters long.";
        }

        var categories = (password.Any(char.IsUpper) ? 1 : 0)
            + (password.Any(char.IsLower) ? 1 : 0)
            + (password.Any(char.IsDigit) ? 1 : 0)
            + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        if (categories < 3)
        {
            return "The password must contain characters from at least three of: upper-case letters, lower-case letters, digits, symbols.";
        }

        if (!string.IsNullOrEmpty(accountId) && password.Contains(accountId, StringComparison.OrdinalIgnoreCase))
        {
            return "The password must not contain the account name.";
        }

        if (!string.IsNullOrWhiteSpace(surname)
            && (password.Contains(surname.Trim(), StringComparison.OrdinalIgnoreCase)
                || password.Contains(surname.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)))
        {
            return "The password must not contain the user's surname.";
        }

        return null;
    }

    /// <summary>
    /// A random password of <see cref="GeneratedLength"/> characters with all four categories. Every third
    /// character is a digit or symbol, so no run of three letters occurs and no name or account id can appear in it.
    /// </summary>
    public static string Generate()
    {
        const string letters = Upper + Lower;
        const string others = Digits + Symbols;
        const string all = letters + others;
        Span<char> password = stackalloc char[GeneratedLength];
        while (true)
        {
            for (var i = 0; i < password.Length; i++)
            {
                var alphabet = i % 3 == 2 ? others : all;
                password[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }

            var text = password.ToString();
            if (text.Any(char.IsAsciiLetterUpper) && text.Any(char.IsAsciiLetterLower)
                && text.Any(char.IsAsciiDigit) && text.Any(c => !char.IsAsciiLetterOrDigit(c)))
            {
                return text;
            }
        }
    }
}
