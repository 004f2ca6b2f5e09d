using System.Text;

namespace DelegationWidgets.Connectors.Ldap.Filters;

/// <summary>
/// Builds LDAP search filters (RFC 4515). Every value goes through <see cref="Escape"/>, so a value can never close a
/// parenthesis, add a wildcard or end the filter: <c>*</c>, <c>(</c>, <c>)</c>, <c>\</c> and NUL become <c>\2a</c>,
/// <c>\28</c>, <c>\29</c>, <c>\5c</c> and <c>\00</c> (other control characters are escaped too).
/// </summary>
internal static class LdapFilter
{
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '*' or '(' or ')' or '\\' or '\0' || char.IsControl(c))
            {
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                {
                    builder.Append('\\').Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // A value with NUL matches nothing: no directory string holds one, and Samba cuts an escaped \00 off the value
    // (so "emma\0*" would search for "emma"), which would widen the match.

    /// <summary><c>(attribute=value)</c> with the value escaped.</summary>
    public static string Equal(string attribute, string value) => HasNul(value) ? Nothing : $"({attribute}={Escape(value)})";

    /// <summary><c>(attribute=value*)</c>: the escaped value as a prefix.</summary>
    public static string StartsWith(string attribute, string value) => HasNul(value) ? Nothing : $"({attribute}={Escape(value)}*)";

    /// <summary><c>(attribute&gt;=value)</c> with the value escaped.</summary>
    public static string GreaterOrEqual(string attribute, string value) => HasNul(value) ? Nothing : $"({attribute}>={Escape(value)})";

    private static bool HasNul(string value) => value.Contains('\0', StringComparison.Ordinal);

    /// <summary>All parts must match; null or empty parts are left out.</summary>
    public static string And(params IEnumerable<string?> parts) => Combine('&', parts);

    /// <summary>Any part may match; null or empty parts are left out. With no parts, nothing matches.</summary>
    public static string Or(params IEnumerable<string?> parts)
    {
        var list = parts.Where(p => !string.IsNullOrEmpty(p)).ToList();
        return list.Count switch
        {
            0 => Nothing,
            1 => list[0]!,
            _ => "(|" + string.Concat(list) + ")",
        };
    }

    public static string Not(string part) => "(!" + part + ")";

    /// <summary>A filter that matches no object (an objectClass no object has).</summary>
    public const string Nothing = "(objectClass=dwNoSuchClass)";

    /// <summary>The LDAP_MATCHING_RULE_BIT_AND test: every bit of <paramref name="bits"/> is set in the attribute.</summary>
    public static string BitsSet(string attribute, long bits) =>
        $"({attribute}:1.2.840.113556.1.4.803:={bits.ToString(System.Globalization.CultureInfo.InvariantCulture)})";

    private static string Combine(char op, IEnumerable<string?> parts)
    {
        var list = parts.Where(p => !string.IsNullOrEmpty(p)).ToList();
        return list.Count == 1 ? list[0]! : $"({op}{string.Concat(list)})";
    }
}
