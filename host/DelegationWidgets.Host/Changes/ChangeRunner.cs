using System.Text.Json;
using DelegationWidgets.Connectors;
using DelegationWidgets.Host.Audit;
using DelegationWidgets.Host.Forms;
using DelegationWidgets.Host.Lookups;
using DelegationWidgets.Host.Policy;
using DelegationWidgets.Host.Storage;
using DelegationWidgets.Host.Tickets;
using DelegationWidgets.Sdk.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Host.Changes;

/// <summary>
/// Runs a change that is already recorded: re-checks the actor's scope just before execution, applies the
/// action through the connector, and records the result with its audit event in one transaction. Once a change
/// is recorded it runs to the end even if the caller goes away.
/// </summary>
internal sealed partial class ChangeRunner(
    AuditChain audit,
    ScopeResolver scopes,
    ScopeCheck scopeCheck,
    FormCatalog forms,
    ConnectorRegistry connectors,
    IDbContextFactory<DelegationDbContext> databases,
    IOptions<ChangesOptions> options,
    TimeProvider time,
    TicketSystems tickets,
    ILogger<ChangeRunner> logger)
{
    /// <summary>The end of the lease owner's name while an administrator's retry runs a change.</summary>
    public const string RetrySuffix = ":retry";

    /// <summary>Runs a recorded change again from its stored data (recovery after an interruption, an administrator's retry).</summary>
    public async Task<ChangeRecord> RerunAsync(ChangeRecord change, LoadedForm form)
    {
        using var data = JsonDocument.Parse(change.DataJson);
        return await RunAsync(change, ActionFactory.Create(form.Definition.Task, data.RootElement, new Dictionary<string, string>()));
    }

    /// <summary>Runs the change. <paramref name="recheckScope"/> is false only when the caller checked the scope itself a moment ago, in the same request.</summary>
    public async Task<ChangeRecord> RunAsync(ChangeRecord change, DirectoryAction action, bool recheckScope = true)
    {
        var form = forms.Find(change.FormId, change.FormVersion)
            ?? throw new InvalidOperationException($"Form '{change.FormId}' version {change.FormVersion} is no longer loaded.");
        if (recheckScope)
        {
            using var data = JsonDocument.Parse(change.DataJson);
            var scope = scopes.Resolve(ChangeMapping.ActorOf(change), form.Id);
            var refused = await scopeCheck.OutOfScopeAsync(form, scope, data.RootElement, CancellationToken.None);
            if (refused.Count > 0)
            {
                var detail = "Refused just before execution: " + string.Join(" ", refused.Values.SelectMany(v => v));
                return await CompleteAsync(change, ChangeStatus.Rejected, "denied", "change.rejected", [], new ChangeError("OutOfScope", detail, refused.Keys.First()));
            }
        }

        ActionResult result;
        using (var running = new CancellationTokenSource())
        {
            var renewing = RenewLeaseAsync(change, running.Token);
            try
            {
                result = await connectors.Get(form.Definition.Task.Connector).ExecuteAsync(action, ActionMode.Apply, CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogConnectorFailure(logger, e, change.Id, action.Name);
                result = ActionResult.Failed(ActionErrorCode.Unavailable, "The target system could not complete the change. It can be retried.");
            }
            finally
            {
                await running.CancelAsync();
                await renewing;
            }
        }

        return result.Outcome == ActionOutcome.Failed
            ? await CompleteAsync(change, ChangeStatus.Failed, "failure", "change.failed", ChangeMapping.Diffs(result), ChangeMapping.Error(form, result))
            : await CompleteAsync(change, ChangeStatus.Succeeded, result.Outcome == ActionOutcome.Changed ? "changed" : "no-change", "change.succeeded", ChangeMapping.Diffs(result), null);
    }

    /// <summary>
    /// Keeps this instance's claim on the change while the connector runs (a slow target must not make another instance
    /// think the change was abandoned). A renewal that finds the lease taken is logged: the change was claimed elsewhere.
    /// </summary>
    private async Task RenewLeaseAsync(ChangeRecord change, CancellationToken stop)
    {
        var lease = options.Value.LeaseDuration;
        using var timer = new PeriodicTimer(lease / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    await using var db = await databases.CreateDbContextAsync(stop);
                    var until = time.GetUtcNow().UtcDateTime + lease;
                    var renewed = await db.Changes
                        .Where(c => c.Id == change.Id && c.LeaseOwner == change.LeaseOwner)
                        .ExecuteUpdateAsync(u => u.SetProperty(c => c.LeaseExpiresAt, until), stop);
                    if (renewed == 0)
                    {
                        LogLeaseLost(logger, change.Id);
                        return;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogLeaseRenewalFailed(logger, e, change.Id);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connector finished.
        }
    }

    /// <summary>Ends a change with a status, its diffs or error, and one audit event.</summary>
    public async Task<ChangeRecord> CompleteAsync(ChangeRecord change, string status, string outcome, string eventType, IReadOnlyList<AttributeDiff> diffs, ChangeError? error)
    {
        // Fencing: only the holder of the lease ends the change. One conditional update confirms the claim and holds it for
        // the moment of writing; a run whose lease was taken over (it stalled longer than the lease) ends nothing, and the
        // instance that took over ends the change once.
        if (change.LeaseOwner is { } owner)
        {
            await using var db = await databases.CreateDbContextAsync();
            var holdUntil = time.GetUtcNow().UtcDateTime + options.Value.LeaseDuration;
            var held = await db.Changes
                .Where(c => c.Id == change.Id && c.LeaseOwner == owner && (c.Status == ChangeStatus.Running || c.Status == ChangeStatus.Queued))
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.LeaseExpiresAt, holdUntil));
            if (held == 0)
            {
                LogLeaseLost(logger, change.Id);
                return change;
            }
        }

        var now = audit.Now();
        change.Status = status;
        change.Outcome = outcome;
        change.ChangesJson = JsonSerializer.Serialize(diffs, JsonSerializerOptions.Web);
        change.ErrorJson = error is null ? null : JsonSerializer.Serialize(error, JsonSerializerOptions.Web);
        change.CompletedAt = now;
        change.UpdatedAt = now;
        // A change finished by another run than the one that recorded it says so in its event.
        var run = change.Attempts <= 1 ? null
            : change.LeaseOwner?.EndsWith(RetrySuffix, StringComparison.Ordinal) == true ? $"Retried by an administrator (attempt {change.Attempts})."
            : $"Finished after an interruption (attempt {change.Attempts}, by {change.LeaseOwner ?? "recovery"}).";
        var detail = run is null ? error?.Message : error is null ? run : run + " " + error.Message;
        change.LeaseOwner = null;
        change.LeaseExpiresAt = null;
        // The outcome goes back to a verified ticket of a connected system: recorded with the change's end, sent by the write-back service.
        var writeBack = change is { TicketVerified: true, Ticket: { } number } && tickets.Find(change.TicketSystem) is { } system
            ? new TicketWriteBackRecord
            {
                Id = Guid.NewGuid().ToString(), ChangeId = change.Id, System = system.Name, TicketNumber = number, TicketTable = change.TicketTable, TicketId = change.TicketId,
                Status = TicketWriteBackRecord.Pending, NextAttemptAt = now, CreatedAt = now, UpdatedAt = now,
            }
            : null;
        await audit.AppendAsync(change, ChangeWrite.Update, [ChangeMapping.Event(change, eventType, status == ChangeStatus.Succeeded ? "success" : outcome, now, detail, diffs)],
            writeBack is null ? null : [writeBack]);
        if (writeBack is not null)
        {
            tickets.Outbox.Wake();
        }

        return change;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease on change {ChangeId} was taken by another instance while it ran here")]
    private static partial void LogLeaseLost(ILogger logger, string changeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease on change {ChangeId} could not be renewed; trying again")]
    private static partial void LogLeaseRenewalFailed(ILogger logger, Exception exception, string changeId);

    [LoggerMessage(Level = LogLevel.Error, Message = "DW1012 connector failure while running change {ChangeId} ({Action})")]
    private static partial void LogConnectorFailure(ILogger logger, Exception exception, string changeId, string action);
}
