using System.Net;
using DelegationWidgets.Connectors.Http;
using DelegationWidgets.Connectors.Itsm.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Connectors.Itsm.ServiceNow;

/// <summary>
/// ServiceNow tickets through the Table API. Verifying reads the record by number from the table its prefix maps to
/// (<c>GET /api/now/table/{table}?sysparm_query=number={n}&amp;…&amp;sysparm_limit=1</c>), calls it open when
/// <c>active</c> is true, and, unless <c>CheckAssignment</c> is off, checks that its <c>assignment_group</c> is one of the
/// caller's groups: the groups the host passed, or else one membership row read from <c>sys_user_grmember</c>. Writing back
/// is a PATCH of <c>work_notes</c> (see the <c>WriteBack</c> partial).
/// </summary>
internal sealed partial class ServiceNowTicketSystem : ITicketSystem
{
    /// <summary>The fields a verification reads.</summary>
    public const string Fields = "sys_id,number,state,active,assignment_group,assigned_to";

    private readonly ServiceNowClient _client;
    private readonly ServiceNowTicketOptions _options;
    private readonly ServiceNowNumberRules _numbers;
    private readonly ILogger<ServiceNowTicketSystem> _logger;

    public ServiceNowTicketSystem(ServiceNowClient client, IOptions<ServiceNowTicketOptions> options, ILogger<ServiceNowTicketSystem> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options.Value;
        _numbers = new ServiceNowNumberRules(_options);
        _logger = logger;
    }

    public string Name => "servicenow";

    public async Task<TicketVerification> VerifyAsync(TicketReference ticket, TicketCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(caller);
        if (_numbers.Parse(ticket, out var refusal) is not { } number)
        {
            LogRefused(_logger, refusal);
            return TicketVerification.NotFound(refusal);
        }

        try
        {
            var record = await FindAsync(number, cancellationToken).ConfigureAwait(false);
            if (record is null || (ticket.Id is { Length: > 0 } id && !string.Equals(id, record.SysId, StringComparison.Ordinal)))
            {
                return TicketVerification.NotFound($"There is no ServiceNow ticket {number.Number}.");
            }

            var found = new TicketReference(record.Number ?? number.Number, number.Table, record.SysId);
            if (!ServiceNowValues.IsTrue(record.Active))
            {
                var state = ServiceNowValues.Text(record.State) is { } value ? $" (state {TicketText.Shown(value)})" : "";
                return TicketVerification.Closed($"{found.Number} is closed{state}; a change needs an open ticket.", found);
            }

            if (!_options.CheckAssignment)
            {
                return TicketVerification.Verified($"{found.Number} is open.", found);
            }

            return await CheckAssignmentAsync(found, ServiceNowValues.Text(record.AssignmentGroup), caller, cancellationToken).ConfigureAwait(false);
        }
        catch (TicketSystemUnavailableException e)
        {
            return TicketVerification.Unavailable($"{number.Number} could not be checked: {e.Message}");
        }
    }

    /// <summary>
    /// The record with this number, or null when the table has none. Only well-formed records count: a sys_id of the right
    /// shape and the very number asked for (so an encoded query the instance read differently cannot verify another ticket).
    /// </summary>
    private async Task<ServiceNowRecord?> FindAsync(ServiceNowTicketNumber number, CancellationToken cancellationToken)
    {
        var query = new QueryString()
            .Add("sysparm_query", "number=" + number.Number)
            .Add("sysparm_fields", Fields)
            .Add("sysparm_limit", "1")
            .Add("sysparm_display_value", "false")
            .Add("sysparm_exclude_reference_link", "true");
        var records = await ReadAsync<ServiceNowRecord>("api/now/table/" + number.Table + query, number.Table, cancellationToken).ConfigureAwait(false);
        return records.FirstOrDefault(record =>
            ServiceNowNumberRules.IsSysId(record.SysId) && string.Equals(record.Number, number.Number, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Whether the ticket's assignment group is one of the caller's groups: the ones the host passed, or else the caller's
    /// membership of that group as ServiceNow records it, asked as one row
    /// (<c>sys_user_grmember?sysparm_query=user.user_name={user}^group={sys_id}&amp;sysparm_limit=1</c>) rather than by
    /// reading every membership of the caller. Fails closed: no group, a caller the connector cannot name safely, or no row.
    /// </summary>
    private async Task<TicketVerification> CheckAssignmentAsync(TicketReference ticket, string? group, TicketCaller caller, CancellationToken cancellationToken)
    {
        if (group is null || !ServiceNowNumberRules.IsSysId(group))
        {
            return TicketVerification.NotAssigned($"{ticket.Number} is not assigned to a group yet; a change needs a ticket assigned to your group.", ticket);
        }

        if (caller.Groups.Count > 0)
        {
            return caller.Groups.Contains(group, StringComparer.OrdinalIgnoreCase)
                ? TicketVerification.Verified($"{ticket.Number} is open and assigned to your group.", ticket)
                : TicketVerification.NotAssigned($"{ticket.Number} is assigned to a group you are not a member of.", ticket);
        }

        var (field, name) = _options.CallerMatch == TicketCallerMatch.Email ? ("email", caller.Email) : ("user_name", caller.UserName);
        if (!CallerNames.IsSafe(name))
        {
            LogCallerUnmatched(_logger, ticket.Number, field);
            return TicketVerification.NotAssigned(
                $"{ticket.Number} could not be matched to your ServiceNow groups: your {(field == "email" ? "e-mail address" : "user name")} is missing or has characters ServiceNow queries cannot take.",
                ticket);
        }

        var query = new QueryString()
            .Add("sysparm_query", $"user.{field}={name}^group={group}")
            .Add("sysparm_fields", "group")
            .Add("sysparm_limit", "1")
            .Add("sysparm_exclude_reference_link", "true");
        var memberships = await ReadAsync<ServiceNowMembership>("api/now/table/sys_user_grmember" + query, "sys_user_grmember", cancellationToken).ConfigureAwait(false);
        return memberships.Any(membership => string.Equals(ServiceNowValues.Text(membership.Group), group, StringComparison.OrdinalIgnoreCase))
            ? TicketVerification.Verified($"{ticket.Number} is open and assigned to your group.", ticket)
            : TicketVerification.NotAssigned($"{ticket.Number} is assigned to a group you are not a member of.", ticket);
    }

    /// <summary>A Table API list read: the rows, none on 404, and <see cref="TicketSystemUnavailableException"/> for any other refusal.</summary>
    private async Task<IReadOnlyList<T>> ReadAsync<T>(string pathAndQuery, string table, CancellationToken cancellationToken)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, pathAndQuery, null, retrySafe: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        if (!response.IsSuccessStatusCode)
        {
            var reason = await TicketAnswers.ReasonAsync(response, cancellationToken).ConfigureAwait(false);
            var hint = response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => $" ServiceNow refused the connector's credentials: check {_client.CredentialSettings}.",
                HttpStatusCode.Forbidden => $" The integration user may not read {table}: it needs read access to it (for example the itil role; see the connector's README).",
                _ => "",
            };
            LogReadRefused(_logger, table, (int)response.StatusCode, reason);
            throw new TicketSystemUnavailableException($"ServiceNow refused to answer a read of {table} ({ConnectorHttp.Status(response.StatusCode)}: {reason}).{hint}");
        }

        var answer = await TicketAnswers.ReadJsonAsync<ServiceNowAnswer<T>>(response, ServiceNowClient.Service, cancellationToken).ConfigureAwait(false);
        return answer?.Result ?? [];
    }

    [LoggerMessage(110, LogLevel.Information, "ServiceNow ticket reference refused without a request: {Refusal}")]
    private static partial void LogRefused(ILogger logger, string refusal);

    [LoggerMessage(111, LogLevel.Warning, "ServiceNow: the caller's {Field} is missing or not safe to query, so {Number} is not verified as assigned to them")]
    private static partial void LogCallerUnmatched(ILogger logger, string number, string field);

    [LoggerMessage(112, LogLevel.Error, "ServiceNow refused a read of {Table} with HTTP {Status}: {Reason}")]
    private static partial void LogReadRefused(ILogger logger, string table, int status, string reason);
}
