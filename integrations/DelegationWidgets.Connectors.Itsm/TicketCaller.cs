namespace DelegationWidgets.Connectors.Itsm;

/// <summary>
/// Who asks for the change, as far as the ITSM system is concerned: the caller's user name and e-mail address (which one is
/// matched is <see cref="TicketSystemOptions.CallerMatch"/>), and the ids of the caller's groups in that system (ServiceNow
/// <c>sys_user_group</c> sys_ids, TOPdesk operator group ids). Pass groups only when they come from a source the host
/// trusts (a token claim issued for that system), never from the request; when there are none, the connector asks the
/// ITSM system which groups the caller is in.
/// </summary>
public sealed class TicketCaller
{
    public TicketCaller(string? userName, string? email = null, IEnumerable<string>? groups = null)
    {
        UserName = userName;
        Email = email;
        Groups = groups?.Where(group => !string.IsNullOrWhiteSpace(group)).Select(group => group.Trim()).ToArray() ?? [];
    }

    /// <summary>The caller's user name (ServiceNow <c>user_name</c>, TOPdesk operator login name).</summary>
    public string? UserName { get; }

    /// <summary>The caller's e-mail address.</summary>
    public string? Email { get; }

    /// <summary>The caller's group ids in the ITSM system, when the host already knows them; empty otherwise.</summary>
    public IReadOnlyList<string> Groups { get; }

    public override string ToString() => $"TicketCaller {{ UserName = {UserName}, Email = {Email}, Groups = {Groups.Count} }}";
}
