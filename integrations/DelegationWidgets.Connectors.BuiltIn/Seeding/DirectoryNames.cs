using System.Globalization;
using System.Text;

namespace DelegationWidgets.Connectors.BuiltIn.Seeding;

/// <summary>The directory's naming rules: DNs of the OUs and account ids made from names (<c>jan.devries</c>).</summary>
internal static class DirectoryNames
{
    public const string DomainSuffix = "DC=demo,DC=example";
    public const string MailDomain = "demo.example";
    public const string Sales = "Sales";
    public const string Finance = "Finance";
    public const string It = "IT";
    public const string Hr = "HR";
    public const string External = "External";

    public static readonly string[] InternalDepartments = [Sales, Finance, It, Hr];

    public static string OrganizationalUnitOf(string name) => $"OU={name},{DomainSuffix}";

    public static string MailOf(string id) => $"{id}@{MailDomain}";

    /// <summary>Lower-case ASCII letters and digits of a name, diacritics removed ("van der Meer" → "vandermeer").</summary>
    public static string Slug(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (char.IsAsciiLetterLower(lower) || char.IsAsciiDigit(lower))
            {
                builder.Append(lower);
            }
        }

        return builder.ToString();
    }

    /// <summary>The account id for a name: <c>given.surname</c>, or <c>null</c> when either part has no usable letters.</summary>
    public static string? AccountBase(string givenName, string surname)
    {
        var given = Slug(givenName);
        var sur = Slug(surname);
        return given.Length == 0 || sur.Length == 0 ? null : $"{given}.{sur}";
    }

    /// <summary>The first id from <c>base</c>, <c>base2</c>, <c>base3</c>, … that <paramref name="isTaken"/> rejects.</summary>
    public static string FirstFree(string accountBase, Func<string, bool> isTaken)
    {
        ArgumentNullException.ThrowIfNull(isTaken);
        if (!isTaken(accountBase))
        {
            return accountBase;
        }

        for (var n = 2; ; n++)
        {
            var candidate = accountBase + n.ToString(CultureInfo.InvariantCulture);
            if (!isTaken(candidate))
            {
                return candidate;
            }
        }
    }
}
