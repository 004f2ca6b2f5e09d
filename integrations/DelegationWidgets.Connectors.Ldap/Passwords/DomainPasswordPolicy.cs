using System.Security.Cryptography;

namespace DelegationWidgets.Connectors.Ldap.Passwords;

/// <summary>
/// The domain's password policy as read from the domain object (<c>minPwdLength</c>, <c>pwdProperties</c> bit 1 =
/// complexity, <c>pwdHistoryLength</c>). The DC enforces it; the connector uses it to generate passwords that pass,
/// and to predict the DC's answer in a preview (history cannot be checked without writing).
/// </summary>
internal sealed record DomainPasswordPolicy(int MinimumLength, bool Complexity, int HistoryLength)
{
    /// <summary>What the connector assumes until it has read the domain's policy: Active Directory's defaults.</summary>
    public static readonly DomainPasswordPolicy Default = new(7, true, 24);

    public const int GeneratedMinimumLength = 16;

    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "!#$%&*+-=?@^_";

    /// <summary>
    /// Why the DC would refuse the password (length, and with complexity on: three of the five character categories,
    /// no account name, no part of the display name of three or more characters), or null.
    /// </summary>
    public string? Check(string password, string accountName, string? displayName)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length < MinimumLength)
        {
            return $"The password must be at least {MinimumLength} characters long.";
        }

        if (!Complexity)
        {
            return null;
        }

        var categories = (password.Any(char.IsUpper) ? 1 : 0)
            + (password.Any(char.IsLower) ? 1 : 0)
            + (password.Any(char.IsDigit) ? 1 : 0)
            + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0)
            + (password.Any(c => char.IsLetter(c) && !char.IsUpper(c) && !char.IsLower(c)) ? 1 : 0);
        if (categories < 3)
        {
            return "The password must contain characters from at least three of: upper-case letters, lower-case letters, digits, symbols.";
        }

        if (accountName.Length >= 3 && password.Contains(accountName, StringComparison.OrdinalIgnoreCase))
        {
            return "The password must not contain the account name.";
        }

        var tokens = (displayName ?? "").Split([',', '.', '-', '_', '#', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return tokens.Any(t => t.Length >= 3 && password.Contains(t, StringComparison.OrdinalIgnoreCase))
            ? "The password must not contain parts of the user's name."
            : null;
    }

    /// <summary>
    /// A random password at least <see cref="GeneratedMinimumLength"/> characters (more when the domain asks) with all four
    /// categories. Every third character is a digit or symbol, so no run of three letters occurs and no name can appear in it.
    /// </summary>
    public string Generate()
    {
        const string letters = Upper + Lower;
        const string others = Digits + Symbols;
        const string all = letters + others;
        var length = Math.Max(GeneratedMinimumLength, MinimumLength + 2);
        var password = new char[length];
        while (true)
        {
            for (var i = 0; i < password.Length; i++)
            {
                var alphabet = i % 3 == 2 ? others : all;
                password[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }

            var text = new string(password);
            if (text.Any(char.IsAsciiLetterUpper) && text.Any(char.IsAsciiLetterLower)
                && text.Any(char.IsAsciiDigit) && text.Any(c => !char.IsAsciiLetterOrDigit(c)))
            {
                return text;
            }
        }
    }
}
