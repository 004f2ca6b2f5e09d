using System.Text.RegularExpressions;

namespace DelegationWidgets.Connectors.Itsm.Topdesk;

/// <summary>
/// Which references the connector sends to TOPdesk, and how it spells them. TOPdesk incident numbers differ per installation
/// (<c>I 2611 123</c>, <c>I2510 017</c>, <c>I-250520-058</c>) and agents type them in several ways; the number is trimmed,
/// upper-cased and its white space made single spaces, then split by <c>Tickets:Topdesk:NumberPattern</c> and spelled by
/// <c>Tickets:Topdesk:NumberFormat</c>, so <c>i2611-123</c> asks for <c>I 2611 123</c>. Whatever the settings, the result
/// must be letters, digits, single spaces and hyphens (it becomes one escaped path segment:
/// <c>/tas/api/incidents/number/I%202611%20123</c>); anything else is refused before a request is made. An incident id the
/// host passes along must be a UUID.
/// </summary>
internal sealed partial class TopdeskNumberRules
{
    private readonly Regex _pattern;
    private readonly string _format;

    public TopdeskNumberRules(TopdeskTicketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _pattern = new Regex(options.NumberPattern, RegexOptions.CultureInvariant, TicketSystemOptionsValidation.PatternTimeout);
        _format = options.NumberFormat;
    }

    /// <summary>The number as TOPdesk spells it, or null and a message saying why the reference is refused.</summary>
    public string? Canonical(TicketReference ticket, out string refusal)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var typed = WhiteSpace().Replace((ticket.Number ?? "").Trim(), " ").ToUpperInvariant();
        var match = Split(typed);
        if (match is null)
        {
            refusal = $"'{TicketText.Shown(ticket.Number)}' is not a TOPdesk incident number (such as {Example()}).";
            return null;
        }

        var canonical = WhiteSpace().Replace(
            _format
                .Replace("{prefix}", match.Groups["prefix"].Value, StringComparison.Ordinal)
                .Replace("{period}", match.Groups["period"].Value, StringComparison.Ordinal)
                .Replace("{sequence}", match.Groups["sequence"].Value, StringComparison.Ordinal),
            " ").Trim(' ', '-');
        if (!SafeNumber().IsMatch(canonical))
        {
            refusal = $"'{TicketText.Shown(ticket.Number)}' is not a TOPdesk incident number (such as {Example()}).";
            return null;
        }

        if (ticket.Id is { Length: > 0 } id && !IsIncidentId(id))
        {
            refusal = $"'{TicketText.Shown(id)}' is not a TOPdesk incident id.";
            return null;
        }

        refusal = "";
        return canonical;
    }

    /// <summary>A TOPdesk id: a UUID such as <c>f197bb75-8822-45e9-82ce-02983504020b</c>.</summary>
    public static bool IsIncidentId(string? value) => Guid.TryParseExact(value, "D", out _);

    /// <summary>Numbers compared as TOPdesk might spell them: upper-case, without spaces and hyphens.</summary>
    public static bool SameNumber(string? a, string? b) =>
        a is not null && b is not null && string.Equals(Compact(a), Compact(b), StringComparison.OrdinalIgnoreCase);

    private Match? Split(string typed)
    {
        try
        {
            var match = _pattern.Match(typed);
            return match.Success && match.Groups["period"].Success && match.Groups["sequence"].Success ? match : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private string Example() =>
        WhiteSpace().Replace(_format.Replace("{prefix}", "I", StringComparison.Ordinal).Replace("{period}", "2611", StringComparison.Ordinal).Replace("{sequence}", "123", StringComparison.Ordinal), " ").Trim();

    private static string Compact(string number) => number.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhiteSpace();

    [GeneratedRegex("^[A-Z0-9](?:[A-Z0-9]|[ -](?=[A-Z0-9])){0,38}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeNumber();
}
