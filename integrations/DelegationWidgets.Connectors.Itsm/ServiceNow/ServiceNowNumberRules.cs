using System.Text.RegularExpressions;

namespace DelegationWidgets.Connectors.Itsm.ServiceNow;

/// <summary>A ticket number ServiceNow may be asked about, and the table it lives in.</summary>
internal sealed record ServiceNowTicketNumber(string Number, string Prefix, string Table);

/// <summary>
/// Which references the connector sends to ServiceNow at all. A number goes into <c>sysparm_query</c>, an encoded query
/// in which <c>^</c> joins conditions (<c>^OR</c>, <c>^NQ</c>), <c>=</c>, <c>!=</c>, <c>LIKE</c> are operators and a value
/// starting with <c>javascript:</c> is evaluated on the instance. So the number must be letters followed by digits, match
/// <c>Tickets:ServiceNow:NumberPattern</c>, and have a prefix in <c>Tickets:ServiceNow:Tables</c>; anything else is refused
/// before a request is made. A table or sys_id the host passes along must agree with the number and have the right shape.
/// </summary>
internal sealed partial class ServiceNowNumberRules
{
    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");

    private readonly Regex _pattern;
    private readonly Dictionary<string, string> _tables;

    public ServiceNowNumberRules(ServiceNowTicketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _pattern = new Regex(options.NumberPattern, RegexOptions.CultureInvariant, TicketSystemOptionsValidation.PatternTimeout);
        _tables = new Dictionary<string, string>(options.Tables, StringComparer.OrdinalIgnoreCase);
        Accepted = string.Join(", ", _tables.Keys.Select(key => key.ToUpperInvariant()).Order(StringComparer.Ordinal));
    }

    /// <summary>The accepted prefixes, for messages: <c>CHG, INC, REQ, RITM</c>.</summary>
    public string Accepted { get; }

    /// <summary>A ServiceNow sys_id: 32 lower-case hex digits.</summary>
    public static bool IsSysId(string? value) => value is not null && SysId().IsMatch(value);

    /// <summary>The number, upper-cased, and its table; or null and a message saying why the reference is refused.</summary>
    public ServiceNowTicketNumber? Parse(TicketReference ticket, out string refusal)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var typed = (ticket.Number ?? "").Trim().ToUpperInvariant();
        if (!LettersThenDigits().IsMatch(typed) || !Matches(typed))
        {
            refusal = $"'{TicketText.Shown(ticket.Number)}' is not a ServiceNow ticket number (such as INC0012345).";
            return null;
        }

        var prefix = typed[..typed.AsSpan().IndexOfAny(Digits)];
        if (!_tables.TryGetValue(prefix, out var table))
        {
            refusal = $"ServiceNow tickets starting with {prefix} are not accepted here (accepted: {Accepted}).";
            return null;
        }

        if (ticket.Table is { Length: > 0 } given && !string.Equals(given, table, StringComparison.Ordinal))
        {
            refusal = $"{typed} is a {prefix} ticket, which lives in the table {table}, not {TicketText.Shown(given)}.";
            return null;
        }

        if (ticket.Id is { Length: > 0 } id && !IsSysId(id))
        {
            refusal = $"'{TicketText.Shown(id)}' is not a ServiceNow sys_id.";
            return null;
        }

        refusal = "";
        return new ServiceNowTicketNumber(typed, prefix, table);
    }

    private bool Matches(string number)
    {
        try
        {
            return _pattern.IsMatch(number);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[A-Z]{1,10}[0-9]{1,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex LettersThenDigits();

    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex SysId();
}
