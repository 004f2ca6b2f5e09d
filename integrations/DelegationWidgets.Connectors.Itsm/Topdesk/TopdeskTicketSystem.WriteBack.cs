using System.Net;
using System.Text.Json.Nodes;
using DelegationWidgets.Connectors.Http;
using DelegationWidgets.Connectors.Itsm.Http;
using DelegationWidgets.Connectors.Itsm.Notes;
using Microsoft.Extensions.Logging;

namespace DelegationWidgets.Connectors.Itsm.Topdesk;

// Writing back: one PATCH of the incident with an action (TOPdesk adds the text to the incident's action history; the
// action is HTML). The PATCH is not repeated on an ambiguous failure (TicketPipeline); a reference without an incident id is
// resolved by a read first, which is.
internal sealed partial class TopdeskTicketSystem
{
    public async Task WriteBackAsync(TicketReference ticket, TicketNote note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(note);
        if (_numbers.Canonical(ticket, out var refusal) is not { } number)
        {
            throw new TicketWriteBackRefusedException(refusal);
        }

        var id = ticket.Id is { Length: > 0 } given
            ? given
            : (await FindAsync(number, cancellationToken).ConfigureAwait(false))?.Id
                ?? throw new TicketWriteBackRefusedException($"There is no TOPdesk incident {number} to write the outcome of change {note.ChangeId} to.", (int)HttpStatusCode.NotFound);

        var body = new JsonObject
        {
            ["action"] = TicketNoteText.Html(note),
            ["actionInvisibleForCaller"] = _options.ActionInvisibleForCaller,
        }.ToJsonString();
        using var response = await SendAsync(HttpMethod.Patch, "tas/api/incidents/id/" + QueryString.Segment(id), body, retrySafe: false, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            LogWrittenBack(_logger, note.ChangeId, number);
            return;
        }

        var reason = await TicketAnswers.ReasonAsync(response, cancellationToken).ConfigureAwait(false);
        var status = ConnectorHttp.Status(response.StatusCode);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            LogWriteBackFailed(_logger, note.ChangeId, number, status, reason);
            throw new TicketSystemUnavailableException(
                $"TOPdesk refused the connector's login when writing change {note.ChangeId} to {number} ({status}: {reason}). Check {TopdeskTicketOptions.Section}:LoginName and ApplicationPassword.");
        }

        LogWriteBackRefused(_logger, note.ChangeId, number, status, reason);
        var hint = response.StatusCode == HttpStatusCode.Forbidden
            ? " The connector's operator needs write permission on incidents (see the connector's README)."
            : "";
        throw new TicketWriteBackRefusedException(
            $"TOPdesk refused the action for change {note.ChangeId} on {number} ({status}: {reason}).{hint}",
            (int)response.StatusCode);
    }

    [LoggerMessage(220, LogLevel.Information, "TOPdesk: change {ChangeId} written back to {Number} as an action")]
    private static partial void LogWrittenBack(ILogger logger, string changeId, string number);

    [LoggerMessage(221, LogLevel.Warning, "TOPdesk: writing change {ChangeId} back to {Number} failed ({Status}: {Reason}); it is tried again later")]
    private static partial void LogWriteBackFailed(ILogger logger, string changeId, string number, string status, string reason);

    [LoggerMessage(222, LogLevel.Error, "TOPdesk refused the action for change {ChangeId} on {Number} ({Status}: {Reason}); it is not tried again")]
    private static partial void LogWriteBackRefused(ILogger logger, string changeId, string number, string status, string reason);
}
