namespace DelegationWidgets.Connectors.Itsm;

/// <summary>
/// Settings of the TOPdesk ticket system (configuration section <c>Tickets:Topdesk</c>): the instance, the operator the
/// connector signs in as (login name and an application password), how incident numbers are recognised and spelled, and
/// the shared settings of <see cref="TicketSystemOptions"/>.
/// </summary>
public sealed class TopdeskTicketOptions : TicketSystemOptions
{
    /// <summary>The configuration section the host binds (<c>Tickets:Topdesk</c>).</summary>
    public const string Section = "Tickets:Topdesk";

    /// <summary>
    /// The default <see cref="NumberPattern"/>: an optional prefix of up to three letters, four digits (year and month),
    /// and three to five digits (the sequence), separated by nothing, a space or a hyphen: <c>I 2611 123</c>,
    /// <c>I2611-123</c>, <c>2611 123</c>.
    /// </summary>
    public const string DefaultNumberPattern = "^(?<prefix>[A-Z]{1,3})?[ -]?(?<period>[0-9]{4})[ -]?(?<sequence>[0-9]{3,5})$";

    /// <summary>The default <see cref="NumberFormat"/>: <c>I 2611 123</c>.</summary>
    public const string DefaultNumberFormat = "{prefix} {period} {sequence}";

    /// <summary>The login name of the operator the connector signs in as.</summary>
    public string LoginName { get; set; } = "";

    /// <summary>An application password of that operator (created under My settings → Application passwords). Never logged.</summary>
    public string ApplicationPassword { get; set; } = "";

    /// <summary>
    /// A regular expression an incident number must match after it was trimmed, upper-cased and its runs of white space made
    /// one space (default <see cref="DefaultNumberPattern"/>). It must have the named groups <c>period</c> and
    /// <c>sequence</c>, and may have <c>prefix</c>; TOPdesk installations number incidents differently (<c>I 2611 123</c>,
    /// <c>I-250520-058</c>), so set it to yours.
    /// </summary>
    public string NumberPattern { get; set; } = DefaultNumberPattern;

    /// <summary>
    /// How TOPdesk spells the number, from the groups of <see cref="NumberPattern"/>: <c>{prefix}</c>, <c>{period}</c> and
    /// <c>{sequence}</c> with spaces or hyphens between them (default <see cref="DefaultNumberFormat"/>). The connector asks
    /// TOPdesk for exactly this spelling, whichever one the caller typed.
    /// </summary>
    public string NumberFormat { get; set; } = DefaultNumberFormat;

    /// <summary>
    /// Processing statuses (by name, such as <c>Closed</c> or <c>Gesloten</c>) that also count as closed, besides
    /// <c>closed</c>, <c>completed</c> and archived incidents. Empty by default.
    /// </summary>
    public IList<string> ClosedProcessingStatuses { get; } = [];

    /// <summary>Whether the action written back is hidden from the incident's caller (default true: it is an operator note).</summary>
    public bool ActionInvisibleForCaller { get; set; } = true;

    /// <summary>Keeps the application password out of logs.</summary>
    public override string ToString() =>
        $"TopdeskTicketOptions {{ BaseUrl = {BaseUrl}, LoginName = {LoginName}, ApplicationPassword = [redacted], NumberFormat = {NumberFormat}, CheckAssignment = {CheckAssignment} }}";
}
