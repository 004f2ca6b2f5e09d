using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DelegationWidgets.Connectors.Http;
using DelegationWidgets.Connectors.Itsm.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Connectors.Itsm.Topdesk;

/// <summary>
/// TOPdesk incidents through the REST API, signed in with basic authentication as an operator with an application
/// password. Verifying reads the incident by number (<c>GET /tas/api/incidents/number/{number}</c>, the number spelled as
/// TOPdesk does and escaped as one path segment), calls it closed when it is <c>closed</c>, <c>completed</c>, archived or in
/// one of <c>Tickets:Topdesk:ClosedProcessingStatuses</c>, and, unless <c>CheckAssignment</c> is off, checks that its
/// <c>operatorGroup</c> is one of the caller's operator groups: the groups the host passed, or else the groups of the
/// operator with the caller's login name (<c>GET /tas/api/operators?query=loginName=={name}</c>, then
/// <c>GET /tas/api/operators/id/{id}/operatorgroups</c>). Writing back is a PATCH of the incident with an action (see the
/// <c>WriteBack</c> partial).
/// </summary>
internal sealed partial class TopdeskTicketSystem : ITicketSystem
{
    /// <summary>The name of the <see cref="HttpClient"/> the TOPdesk ticket system registers and uses.</summary>
    public const string HttpClientName = "DelegationWidgets.Connectors.Itsm.Topdesk";

    /// <summary>The system's name in messages and logs.</summary>
    public const string Service = "TOPdesk";

    private readonly TicketHttp _http;
    private readonly TopdeskTicketOptions _options;
    private readonly TopdeskNumberRules _numbers;
    private readonly string _credentials;
    private readonly ILogger<TopdeskTicketSystem> _logger;

    public TopdeskTicketSystem(IHttpClientFactory httpClients, IOptions<TopdeskTicketOptions> options, TimeProvider timeProvider, ILogger<TopdeskTicketSystem> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _http = new TicketHttp(Service, HttpClientName, httpClients, _options, timeProvider, logger);
        _numbers = new TopdeskNumberRules(_options);
        _credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes(_options.LoginName + ":" + _options.ApplicationPassword));
    }

    public string Name => "topdesk";

    public async Task<TicketVerification> VerifyAsync(TicketReference ticket, TicketCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(caller);
        if (_numbers.Canonical(ticket, out var refusal) is not { } number)
        {
            LogRefused(_logger, refusal);
            return TicketVerification.NotFound(refusal);
        }

        try
        {
            var incident = await FindAsync(number, cancellationToken).ConfigureAwait(false);
            if (incident is null || incident.Id is not { } id || (ticket.Id is { Length: > 0 } given && !SameId(given, id)))
            {
                return TicketVerification.NotFound($"There is no TOPdesk incident {number}.");
            }

            var found = new TicketReference(incident.Number ?? number, null, id);
            if (ClosedReason(incident) is { } closed)
            {
                return TicketVerification.Closed($"{found.Number} is {closed}; a change needs an open incident.", found);
            }

            if (!_options.CheckAssignment)
            {
                return TicketVerification.Verified($"{found.Number} is open.", found);
            }

            return await CheckAssignmentAsync(found, incident.OperatorGroup?.Id, caller, cancellationToken).ConfigureAwait(false);
        }
        catch (TicketSystemUnavailableException e)
        {
            return TicketVerification.Unavailable($"{number} could not be checked: {e.Message}");
        }
    }

    /// <summary>
    /// The incident with this number, or null when TOPdesk has none (404). Only a well-formed answer counts: a UUID id and
    /// the number asked for (compared without spaces and hyphens).
    /// </summary>
    private async Task<TopdeskIncident?> FindAsync(string number, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, "tas/api/incidents/number/" + QueryString.Segment(number), null, retrySafe: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.NoContent)
        {
            return null;
        }

        await ThrowUnlessReadableAsync(response, "incidents", cancellationToken).ConfigureAwait(false);
        var incident = await TicketAnswers.ReadJsonAsync<TopdeskIncident>(response, Service, cancellationToken).ConfigureAwait(false);
        return incident is not null && TopdeskNumberRules.IsIncidentId(incident.Id) && TopdeskNumberRules.SameNumber(incident.Number, number) ? incident : null;
    }

    /// <summary>Why the incident counts as closed, or null when it is open.</summary>
    private string? ClosedReason(TopdeskIncident incident)
    {
        if (incident.Closed == true)
        {
            return "closed";
        }

        if (incident.Completed == true)
        {
            return "completed";
        }

        if (incident.Status?.EndsWith("Archived", StringComparison.Ordinal) == true)
        {
            return "archived";
        }

        return incident.ProcessingStatus?.Name is { } status && _options.ClosedProcessingStatuses.Contains(status, StringComparer.OrdinalIgnoreCase)
            ? $"in the processing status {TicketText.Shown(status)}"
            : null;
    }

    /// <summary>
    /// Whether the incident's operator group is one of the caller's: the ones the host passed, or else the groups of the one
    /// operator whose login name (or e-mail address) is the caller's. Fails closed: no group, a caller the connector cannot
    /// name safely, no operator or more than one, or none of their groups.
    /// </summary>
    private async Task<TicketVerification> CheckAssignmentAsync(TicketReference ticket, string? group, TicketCaller caller, CancellationToken cancellationToken)
    {
        if (group is null || !TopdeskNumberRules.IsIncidentId(group))
        {
            return TicketVerification.NotAssigned($"{ticket.Number} is not assigned to an operator group yet; a change needs an incident assigned to your group.", ticket);
        }

        if (caller.Groups.Count > 0)
        {
            return Assigned(ticket, group, caller.Groups);
        }

        var (field, name) = _options.CallerMatch == TicketCallerMatch.Email ? ("email", caller.Email) : ("loginName", caller.UserName);
        if (!CallerNames.IsSafe(name))
        {
            LogCallerUnmatched(_logger, ticket.Number, field);
            return TicketVerification.NotAssigned(
                $"{ticket.Number} could not be matched to your TOPdesk operator groups: your {(field == "email" ? "e-mail address" : "login name")} is missing or has characters TOPdesk queries cannot take.",
                ticket);
        }

        var operators = await ReadListAsync("tas/api/operators" + new QueryString().Add("query", $"{field}=={name}").Add("page_size", "2"), "operators", cancellationToken).ConfigureAwait(false);
        if (operators is not [{ Id: { } operatorId }] || !TopdeskNumberRules.IsIncidentId(operatorId))
        {
            LogOperatorUnmatched(_logger, ticket.Number, field, operators.Count);
            return TicketVerification.NotAssigned(
                $"{ticket.Number} could not be matched to your TOPdesk operator groups: TOPdesk has {(operators.Count == 0 ? "no operator" : "more than one operator")} with your {(field == "email" ? "e-mail address" : "login name")}.",
                ticket);
        }

        var groups = await ReadListAsync($"tas/api/operators/id/{QueryString.Segment(operatorId)}/operatorgroups", "operator groups", cancellationToken).ConfigureAwait(false);
        return Assigned(ticket, group, [.. groups.Select(operatorGroup => operatorGroup.Id ?? "")]);
    }

    private static TicketVerification Assigned(TicketReference ticket, string group, IReadOnlyList<string> callerGroups) =>
        callerGroups.Any(callerGroup => SameId(callerGroup, group))
            ? TicketVerification.Verified($"{ticket.Number} is open and assigned to your operator group.", ticket)
            : TicketVerification.NotAssigned($"{ticket.Number} is assigned to an operator group you are not a member of.", ticket);

    private static bool SameId(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>A list read: the items, none on 204 (TOPdesk's answer to an empty list) or 404, and unavailable for any other refusal.</summary>
    private async Task<List<TopdeskReference>> ReadListAsync(string pathAndQuery, string what, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, pathAndQuery, null, retrySafe: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.NotFound)
        {
            return [];
        }

        await ThrowUnlessReadableAsync(response, what, cancellationToken).ConfigureAwait(false);
        return await TicketAnswers.ReadJsonAsync<List<TopdeskReference>>(response, Service, cancellationToken).ConfigureAwait(false) ?? [];
    }

    private async Task ThrowUnlessReadableAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var reason = await TicketAnswers.ReasonAsync(response, cancellationToken).ConfigureAwait(false);
        var hint = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => $" TOPdesk refused the connector's login: check {TopdeskTicketOptions.Section}:LoginName and ApplicationPassword (application passwords expire).",
            HttpStatusCode.Forbidden => $" The connector's operator may not read {what}: see the permissions in the connector's README.",
            _ => "",
        };
        LogReadRefused(_logger, what, (int)response.StatusCode, reason);
        throw new TicketSystemUnavailableException($"TOPdesk refused to answer a read of {what} ({ConnectorHttp.Status(response.StatusCode)}: {reason}).{hint}");
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, string? jsonBody, bool retrySafe, CancellationToken cancellationToken)
    {
        var uri = _http.Resolve(pathAndQuery);
        return _http.SendAsync(
            () =>
            {
                var message = new HttpRequestMessage(method, uri);
                message.Headers.Authorization = new AuthenticationHeaderValue("Basic", _credentials);
                message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (jsonBody is not null)
                {
                    message.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
                }

                return message;
            },
            retrySafe,
            cancellationToken);
    }

    [LoggerMessage(210, LogLevel.Information, "TOPdesk ticket reference refused without a request: {Refusal}")]
    private static partial void LogRefused(ILogger logger, string refusal);

    [LoggerMessage(211, LogLevel.Warning, "TOPdesk: the caller's {Field} is missing or not safe to query, so {Number} is not verified as assigned to them")]
    private static partial void LogCallerUnmatched(ILogger logger, string number, string field);

    [LoggerMessage(212, LogLevel.Warning, "TOPdesk: {Count} operators match the caller's {Field}, so {Number} is not verified as assigned to them")]
    private static partial void LogOperatorUnmatched(ILogger logger, string number, string field, int count);

    [LoggerMessage(213, LogLevel.Error, "TOPdesk refused a read of {What} with HTTP {Status}: {Reason}")]
    private static partial void LogReadRefused(ILogger logger, string what, int status, string reason);
}
