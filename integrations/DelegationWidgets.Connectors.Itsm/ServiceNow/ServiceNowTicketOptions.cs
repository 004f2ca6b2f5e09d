namespace DelegationWidgets.Connectors.Itsm;

/// <summary>
/// Settings of the ServiceNow ticket system (configuration section <c>Tickets:ServiceNow</c>): the instance, how the
/// connector signs in (basic authentication as an integration user, or an OAuth bearer token), which ticket numbers it
/// accepts and which table each prefix lives in, and the shared settings of <see cref="TicketSystemOptions"/>.
/// </summary>
public sealed class ServiceNowTicketOptions : TicketSystemOptions
{
    /// <summary>The configuration section the host binds (<c>Tickets:ServiceNow</c>).</summary>
    public const string Section = "Tickets:ServiceNow";

    /// <summary>The default <see cref="NumberPattern"/>: two to six letters, then five to ten digits (<c>INC0012345</c>).</summary>
    public const string DefaultNumberPattern = "^[A-Z]{2,6}[0-9]{5,10}$";

    /// <summary>How the connector signs in (default <see cref="ServiceNowAuthentication.Basic"/>).</summary>
    public ServiceNowAuthentication Authentication { get; set; } = ServiceNowAuthentication.Basic;

    /// <summary>The integration user's user name (basic authentication and the password grant).</summary>
    public string UserName { get; set; } = "";

    /// <summary>The integration user's password (basic authentication and the password grant). Never logged.</summary>
    public string Password { get; set; } = "";

    /// <summary>The OAuth application's client id (OAuth only).</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The OAuth application's client secret (OAuth only). Never logged.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>
    /// A regular expression every ticket number must match after it was trimmed and upper-cased (default
    /// <see cref="DefaultNumberPattern"/>). Whatever it says, a number is also refused unless it is letters followed by
    /// digits: the number goes into an encoded query, where <c>^</c>, <c>=</c> and <c>javascript:</c> mean something.
    /// </summary>
    public string NumberPattern { get; set; } = DefaultNumberPattern;

    /// <summary>
    /// The table of each number prefix (the letters before the digits). Defaults: <c>INC</c> → <c>incident</c>,
    /// <c>RITM</c> → <c>sc_req_item</c>, <c>REQ</c> → <c>sc_request</c>, <c>CHG</c> → <c>change_request</c>. Configuration
    /// adds prefixes or changes their table; a number whose prefix is not here is refused without a request.
    /// </summary>
    public IDictionary<string, string> Tables { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["INC"] = "incident",
        ["RITM"] = "sc_req_item",
        ["REQ"] = "sc_request",
        ["CHG"] = "change_request",
    };

    /// <summary>The token endpoint under <see cref="TicketSystemOptions.BaseUrl"/>.</summary>
    internal Uri TokenEndpoint => new(EffectiveBaseUrl, "oauth_token.do");

    /// <summary>Keeps the password and the client secret out of logs.</summary>
    public override string ToString() =>
        $"ServiceNowTicketOptions {{ BaseUrl = {BaseUrl}, Authentication = {Authentication}, UserName = {UserName}, Password = [redacted], ClientId = {ClientId}, ClientSecret = [redacted], CheckAssignment = {CheckAssignment} }}";
}
