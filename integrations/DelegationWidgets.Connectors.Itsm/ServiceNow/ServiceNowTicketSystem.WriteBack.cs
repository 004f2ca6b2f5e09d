using System.Net;
using System.Text.Json.Nodes;
using DelegationWidgets.Connectors.Http;
using DelegationWidgets.Connectors.Itsm.Http;
using DelegationWidgets.Connectors.Itsm.Notes;
using Microsoft.Extensions.Logging;

namespace DelegationWidgets.Connectors.Itsm.ServiceNow;

// Writing back: one PATCH of the record's work_notes (a journal field: each write appends an entry). The PATCH is not
// repeated on an ambiguous failure (TicketPipeline); a reference without a sys_id is resolved by a read first, which is.
internal sealed partial class ServiceNowTicketSystem
{
    public async Task WriteBackAsync(TicketReference ticket, TicketNote note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(note);
        if (_numbers.Parse(ticket, out var refusal) is not { } number)
        {
            throw new TicketWriteBackRefusedException(refusal);
        }

        var sysId = ticket.Id is { Length: > 0 } id
            ? id
            : (await FindAsync(number, cancellationToken).ConfigureAwait(false))?.SysId
                ?? throw new TicketWriteBackRefusedException($"There is no ServiceNow ticket {number.Number} to write the outcome of change {note.ChangeId} to.", (int)HttpStatusCode.NotFound);

        var body = new JsonObject { ["work_notes"] = TicketNoteText.PlainText(note) }.ToJsonString();
        using var response = await _client.SendAsync(
            HttpMethod.Patch,
            "api/now/table/" + number.Table + "/" + QueryString.Segment(sysId),
            body,
            retrySafe: false,
            cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            LogWrittenBack(_logger, note.ChangeId, number.Number);
            return;
        }

        var reason = await TicketAnswers.ReasonAsync(response, cancellationToken).ConfigureAwait(false);
        var status = ConnectorHttp.Status(response.StatusCode);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            LogWriteBackFailed(_logger, note.ChangeId, number.Number, status, reason);
            throw new TicketSystemUnavailableException(
                $"ServiceNow refused the connector's credentials when writing change {note.ChangeId} to {number.Number} ({status}: {reason}). Check {_client.CredentialSettings}.");
        }

        LogWriteBackRefused(_logger, note.ChangeId, number.Number, status, reason);
        var hint = response.StatusCode == HttpStatusCode.Forbidden
            ? $" The integration user needs write access to {number.Table}.work_notes (see the connector's README)."
            : "";
        throw new TicketWriteBackRefusedException(
            $"ServiceNow refused the work note for change {note.ChangeId} on {number.Number} ({status}: {reason}).{hint}",
            (int)response.StatusCode);
    }

    [LoggerMessage(120, LogLevel.Information, "ServiceNow: change {ChangeId} written back to {Number} as a work note")]
    private static partial void LogWrittenBack(ILogger logger, string changeId, string number);

    [LoggerMessage(121, LogLevel.Warning, "ServiceNow: writing change {ChangeId} back to {Number} failed ({Status}: {Reason}); it is tried again later")]
    private static partial void LogWriteBackFailed(ILogger logger, string changeId, string number, string status, string reason);

    [LoggerMessage(122, LogLevel.Error, "ServiceNow refused the work note for change {ChangeId} on {Number} ({Status}: {Reason}); it is not tried again")]
    private static partial void LogWriteBackRefused(ILogger logger, string changeId, string number, string status, string reason);
}
