using System.Globalization;
using System.Text;

namespace DelegationWidgets.Connectors.Ldap.Filters;

/// <summary>
/// Distinguished names (RFC 4514): escaping of attribute values, splitting off the first RDN, and the
/// checks the connector needs (is a DN within another, is it well formed).
/// </summary>
internal static class DistinguishedName
{
    /// <summary>
    /// Escapes one RDN value: <c>, + " \ &lt; &gt; ; =</c> anywhere, <c>#</c> or space at the start, space at the end,
    /// and control characters (as <c>\XX</c> hex of their UTF-8 bytes). The result can only ever name one RDN value.
    /// </summary>
    public static string EscapeValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is ',' or '+' or '"' or '\\' or '<' or '>' or ';' or '='
                || (i == 0 && c is '#' or ' ')
                || (i == value.Length - 1 && c == ' '))
            {
                builder.Append('\\').Append(c);
            }
            else if (char.IsControl(c))
            {
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                {
                    builder.Append('\\').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>The parent of <paramref name="dn"/> (everything after the first unescaped comma), or "" for a single RDN.</summary>
    public static string Parent(string dn)
    {
        ArgumentNullException.ThrowIfNull(dn);
        var comma = FirstSeparator(dn);
        return comma < 0 ? "" : dn[(comma + 1)..].TrimStart();
    }

    /// <summary>The value of the first RDN, unescaped (e.g. <c>Sales</c> for <c>OU=Sales,DC=demo,DC=example</c>).</summary>
    public static string FirstValue(string dn)
    {
        ArgumentNullException.ThrowIfNull(dn);
        var comma = FirstSeparator(dn);
        var rdn = comma < 0 ? dn : dn[..comma];
        var equals = rdn.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? rdn : Unescape(rdn[(equals + 1)..]);
    }

    /// <summary>Whether <paramref name="dn"/> equals <paramref name="container"/> or lies below it (case-insensitive).</summary>
    public static bool IsWithin(string dn, string container) => TargetScope.IsWithinOrganizationalUnit(dn, container);

    /// <summary>
    /// Whether the text is a plausible DN: one or more <c>type=value</c> RDNs separated by unescaped commas, with
    /// attribute types made of letters, digits and hyphens. It is passed to the server only as a DN, never into a filter.
    /// </summary>
    public static bool IsWellFormed(string? dn)
    {
        if (string.IsNullOrWhiteSpace(dn) || dn.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        var rest = dn;
        while (true)
        {
            var comma = FirstSeparator(rest);
            var rdn = comma < 0 ? rest : rest[..comma];
            var equals = rdn.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == rdn.Length - 1)
            {
                return false;
            }

            var type = rdn[..equals].Trim();
            if (type.Length == 0 || !type.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '.'))
            {
                return false;
            }

            if (comma < 0)
            {
                return !rdn.EndsWith('\\');
            }

            rest = rest[(comma + 1)..];
        }
    }

    /// <summary>The DNS domain of the <c>DC=</c> components, e.g. <c>demo.example</c> for <c>DC=demo,DC=example</c>.</summary>
    public static string DomainOf(string dn)
    {
        var parts = new List<string>();
        var rest = dn ?? "";
        while (rest.Length > 0)
        {
            var comma = FirstSeparator(rest);
            var rdn = (comma < 0 ? rest : rest[..comma]).Trim();
            if (rdn.StartsWith("DC=", StringComparison.OrdinalIgnoreCase))
            {
                parts.Add(Unescape(rdn[3..]));
            }

            rest = comma < 0 ? "" : rest[(comma + 1)..];
        }

        return string.Join('.', parts).ToLowerInvariant();
    }

    private static int FirstSeparator(string dn)
    {
        for (var i = 0; i < dn.Length; i++)
        {
            if (dn[i] == '\\')
            {
                i++;
            }
            else if (dn[i] == ',')
            {
                return i;
            }
        }

        return -1;
    }

    private static string Unescape(string value)
    {
        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                if (i + 2 < value.Length && Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]))
                {
                    bytes.Add(byte.Parse(value.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                    continue;
                }

                i++;
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }
}
