using System.Globalization;
using System.Text.RegularExpressions;

namespace DelegationWidgets.FormProfile.Validation;

/// <summary>
/// The formats the Form Profile asserts. NJsonSchema's own format validators are lenient (date-time through
/// DateTime.TryParse, uri through Uri.TryCreate), so the profile checks these itself, strictly after RFC 3339 / RFC 3986.
/// </summary>
internal static partial class FormatRules
{
    public const string Email = "email";
    public const string Date = "date";
    public const string DateTime = "date-time";
    public const string Uri = "uri";
    public const string Uuid = "uuid";

    /// <summary>Not asserted: only marks a field as secret.</summary>
    public const string Password = "password";

    public static bool IsKnown(string format) =>
        format is Email or Date or DateTime or Uri or Uuid or Password;

    public static bool IsValid(string format, string value) => format switch
    {
        Email => IsEmail(value),
        Date => IsDate(value),
        DateTime => IsDateTime(value),
        Uri => IsUri(value),
        Uuid => UuidPattern().IsMatch(value),
        _ => true,
    };

    public static string Message(string format) => format switch
    {
        Email => "Must be a valid e-mail address.",
        Date => "Must be a date (YYYY-MM-DD).",
        DateTime => "Must be a date and time (YYYY-MM-DDThh:mm:ssZ).",
        Uri => "Must be a full address (URI) such as https://example.com/.",
        Uuid => "Must be an identifier (UUID) such as 123e4567-e89b-12d3-a456-426614174000.",
        _ => "Is not in the expected format.",
    };

    private static bool IsDate(string value)
    {
        var match = DatePattern().Match(value);
        return match.Success && IsValidDate(match.Groups["y"].Value, match.Groups["m"].Value, match.Groups["d"].Value);
    }

    private static bool IsValidDate(string year, string month, string day)
    {
        var y = int.Parse(year, CultureInfo.InvariantCulture);
        var m = int.Parse(month, CultureInfo.InvariantCulture);
        var d = int.Parse(day, CultureInfo.InvariantCulture);
        return y >= 1 && m is >= 1 and <= 12 && d >= 1 && d <= System.DateTime.DaysInMonth(y, m);
    }

    private static bool IsDateTime(string value)
    {
        var match = DateTimePattern().Match(value);
        if (!match.Success || !IsValidDate(match.Groups["y"].Value, match.Groups["mo"].Value, match.Groups["d"].Value))
        {
            return false;
        }

        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups["mi"].Value, CultureInfo.InvariantCulture);
        var second = int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture);
        if (hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        var offsetMinutes = 0;
        if (match.Groups["oh"].Success)
        {
            var offsetHour = int.Parse(match.Groups["oh"].Value, CultureInfo.InvariantCulture);
            var offsetMinute = int.Parse(match.Groups["om"].Value, CultureInfo.InvariantCulture);
            if (offsetHour > 23 || offsetMinute > 59)
            {
                return false;
            }

            offsetMinutes = (offsetHour * 60) + offsetMinute;
            if (match.Groups["sign"].Value == "+")
            {
                offsetMinutes = -offsetMinutes;
            }
        }

        if (second == 60)
        {
            // A leap second exists only at 23:59:60 UTC.
            var utcMinutes = (((hour * 60) + minute + offsetMinutes) % 1440 + 1440) % 1440;
            return utcMinutes == (23 * 60) + 59;
        }

        return true;
    }

    private static bool IsUri(string value)
    {
        var match = UriPattern().Match(value);
        if (!match.Success)
        {
            return false;
        }

        // An IPv6 literal must be a real IPv6 address, and an embedded IPv4 part must follow RFC 3986 (no leading zeros).
        var literal = match.Groups["ipv6"];
        return !literal.Success || IsIpv6(literal.Value);
    }

    private static bool IsIpv6(string literal)
    {
        var lastColon = literal.LastIndexOf(':');
        var tail = literal[(lastColon + 1)..];
        return System.Net.IPAddress.TryParse(literal, out var address)
            && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            && (!tail.Contains('.', StringComparison.Ordinal) || Ipv4Pattern().IsMatch(tail));
    }

    private static bool IsEmail(string value)
    {
        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1)
        {
            return false;
        }

        var local = value[..at];
        var domain = value[(at + 1)..];
        var localValid = local.StartsWith('"')
            ? QuotedLocalPattern().IsMatch(local)
            : DotAtomPattern().IsMatch(local);
        if (!localValid)
        {
            return false;
        }

        if (domain.StartsWith('[') && domain.EndsWith(']'))
        {
            var literal = domain[1..^1];
            if (literal.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase))
            {
                return IsIpv6(literal[5..]) && !literal.Contains('%', StringComparison.Ordinal);
            }

            return Ipv4Pattern().IsMatch(literal);
        }

        return HostnamePattern().IsMatch(domain) && domain.Length <= 253;
    }

    [GeneratedRegex(@"\A(?<y>[0-9]{4})-(?<m>[0-9]{2})-(?<d>[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(
        @"\A(?<y>[0-9]{4})-(?<mo>[0-9]{2})-(?<d>[0-9]{2})[Tt](?<h>[0-9]{2}):(?<mi>[0-9]{2}):(?<s>[0-9]{2})(?:\.[0-9]+)?(?:[Zz]|(?<sign>[+-])(?<oh>[0-9]{2}):(?<om>[0-9]{2}))\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"\A[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\z", RegexOptions.CultureInvariant)]
    private static partial Regex UuidPattern();

    [GeneratedRegex(@"\A[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex DotAtomPattern();

    [GeneratedRegex(@"\A""(?:[\x20\x21\x23-\x5B\x5D-\x7E]|\\[\x20-\x7E])*""\z", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedLocalPattern();

    [GeneratedRegex(@"\A(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex(@"\A(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex HostnamePattern();

    // RFC 3986 "URI" (absolute, with an optional fragment); ASCII only, percent-encoding must be well formed.
    [GeneratedRegex(
        @"\A[A-Za-z][A-Za-z0-9+.-]*:" +
        @"(?://(?:(?:[A-Za-z0-9\-._~!$&'()*+,;=:]|%[0-9A-Fa-f]{2})*@)?" +
        @"(?:\[(?:(?<ipv6>[0-9A-Fa-f:.]+)|[vV][0-9A-Fa-f]+\.[A-Za-z0-9\-._~!$&'()*+,;=:]+)\]|(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*)" +
        @"(?::[0-9]*)?" +
        @"(?:/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*)*" +
        @"|/?(?:(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})+(?:/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*)*)?)" +
        @"(?:\?(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?" +
        @"(?:\#(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex UriPattern();
}
