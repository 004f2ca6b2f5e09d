using System.Text.Json;
using DelegationWidgets.Connectors;
using DelegationWidgets.Host.Audit;
using DelegationWidgets.Host.Changes;
using DelegationWidgets.Host.Identity;
using DelegationWidgets.Host.Lookups;
using DelegationWidgets.Host.Problems;
using DelegationWidgets.Host.Storage;
using DelegationWidgets.Sdk.Models;
using Microsoft.EntityFrameworkCore;

namespace DelegationWidgets.Host.Catalog;

/// <summary>
/// A refusal of a request or a decision: the status code, the error id, and a message a person can act on; for an invalid
/// request, the messages per field.
/// </summary>
internal sealed record RequestRefusal(int Status, string ErrorId, string Title, string Detail, string? Field = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static RequestRefusal Invalid(ServerTexts texts, Dictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, ErrorIds.ValidationFailed, texts.NotValid, errors.Count == 1 ? errors.First().Value[0] : texts.CorrectFields, Errors: errors);
}

/// <summary>
/// The approval workflow of self-service requests. Steps run in sequence: a step that does not apply is skipped, one whose
/// rule holds approves itself (the rule is recorded), the others wait for their approvers (never the requester). Each
/// decision is checked against the approvers as the directory says they are at that moment. When every step has approved,
/// the product's fulfilment task runs through the same connector as delegated forms, after the requester's right to the
/// product and to the beneficiary is checked once more. Every state change writes one audit event.
/// </summary>
internal sealed partial class RequestWorkflow(
    CatalogStore catalog,
    ConnectorRegistry connectors,
    IDbContextFactory<DelegationDbContext> databases,
    AuditChain audit,
    RequestNotifications notifications,
    ILogger<RequestWorkflow> logger)
{
    public const string SystemIssuer = "urn:delegationwidgets:system";

    /// <summary>Whether the caller may see and request the product.</summary>
    public async Task<bool> MayRequestAsync(Caller caller, ProductDefinition product, CancellationToken cancellationToken)
    {
        var visibility = product.Visibility;
        if (visibility.Everyone || (visibility.Roles ?? []).Any(r => caller.Roles.Contains(r, StringComparer.Ordinal)))
        {
            return true;
        }

        if (visibility.Departments is not { Count: > 0 } departments)
        {
            return false;
        }

        var me = await Directory(product).FindAsync(DirectoryObjectKind.User, caller.DirectoryId, cancellationToken);
        return me?.Department is { } department && departments.Contains(department, StringComparer.OrdinalIgnoreCase);
    }

    public async Task<(RequestRecord? Request, RequestRefusal? Refusal)> CreateAsync(
        Caller caller, AccessRequestInput input, string? idempotencyKey, ServerTexts texts, CancellationToken cancellationToken)
    {
        if (idempotencyKey is { } key && (key.Length is 0 or > 128 || key.Any(char.IsControl)))
        {
            return (null, RequestRefusal.Invalid(texts, new() { ["/headers/Idempotency-Key"] = [texts.BadIdempotencyKey] }));
        }

        // The same key again: the first answer, whatever happened since (a retry after a lost answer).
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(input, JsonSerializerOptions.Web)));
        if (await ReplayAsync(caller, idempotencyKey, hash, texts, cancellationToken) is { } replay)
        {
            return replay;
        }

        var product = catalog.Find(input.Product ?? "");
        if (product is null || !await MayRequestAsync(caller, product, cancellationToken))
        {
            return (null, new(StatusCodes.Status404NotFound, ErrorIds.NoSuchProduct, texts.NoSuchProductTitle, texts.NoSuchProduct(input.Product)));
        }

        var beneficiary = string.IsNullOrWhiteSpace(input.Beneficiary) ? caller.DirectoryId : input.Beneficiary.Trim();
        if (!await MayRequestForAsync(caller.DirectoryId, beneficiary, product, cancellationToken))
        {
            await DenyAsync(caller, product, beneficiary, $"Refused: may not request {product.Id} for {beneficiary}.");
            return (null, new(StatusCodes.Status403Forbidden, ErrorIds.OutOfScope, texts.NotForThisPersonTitle,
                texts.NotForThisPerson(product.OnBehalfOf?.DirectReports == true), "/beneficiary"));
        }

        // Everything the requester filled in is checked at once: the reason, the duration and the product's own fields.
        var (data, errors) = ProductForms.Read(product, product.Schema, input.Data, texts);
        if (string.IsNullOrWhiteSpace(input.Reason) || input.Reason.Length > 1000)
        {
            errors["/reason"] = [texts.GiveReason];
        }

        int? days = null;
        if (product.MaxDurationDays is { } max)
        {
            days = input.DurationDays ?? max;
            if (days < 1 || days > max)
            {
                errors["/durationDays"] = [texts.DaysBetween(max)];
            }
        }
        else if (input.DurationDays is not null)
        {
            errors["/durationDays"] = [texts.NotTimeBound];
        }

        if (errors.Count > 0)
        {
            return (null, RequestRefusal.Invalid(texts, errors));
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var open = await db.Requests.AsNoTracking()
            .Where(r => r.ProductId == product.Id && r.BeneficiaryId == beneficiary && (r.Status == RequestStatus.PendingApproval || r.Status == RequestStatus.Fulfilled))
            .OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (input.Extends is { } extends)
        {
            if (open is not { Status: RequestStatus.Fulfilled, ExpiresAt: not null } || open.Id != extends)
            {
                return (null, new(StatusCodes.Status409Conflict, ErrorIds.AlreadyRequested, texts.NothingToExtendTitle, texts.NothingToExtend(extends, product.TitleIn(texts), beneficiary), "/extends"));
            }

            // The revocation at the new end undoes what the extended request granted: the fields the tasks use stay as they were.
            var changed = ProductForms.TaskFields(product).Where(f => ProductForms.Value(open.DataJson, f) != ProductForms.Value(data?.GetRawText(), f)).ToList();
            if (changed.Count > 0)
            {
                return (null, RequestRefusal.Invalid(texts, changed.ToDictionary(f => "/data/" + f, f => new[] { texts.ExtensionKeeps(ProductForms.Value(open.DataJson, f)) })));
            }
        }
        else if (open is not null)
        {
            return (null, new(StatusCodes.Status409Conflict, ErrorIds.AlreadyRequested, texts.AlreadyRequestedTitle, open.Status == RequestStatus.Fulfilled
                ? texts.AlreadyHas(beneficiary, product.TitleIn(texts), open.Id, open.ExpiresAt)
                : texts.AlreadyWaiting(product.TitleIn(texts), beneficiary, open.Id)));
        }

        var now = audit.Now();
        var request = new RequestRecord
        {
            Id = Guid.NewGuid().ToString(),
            ProductId = product.Id,
            ProductVersion = product.Version,
            WorkflowVersion = catalog.Workflow(product.Workflow)!.Version,
            ProductTitle = product.Title,
            RequesterIssuer = caller.Issuer,
            RequesterSubject = caller.Subject,
            RequesterName = caller.Name,
            RequesterRoles = string.Join(' ', caller.Roles),
            BeneficiaryId = beneficiary,
            IdempotencyKey = idempotencyKey ?? "auto:" + Guid.NewGuid().ToString("N"),
            RequestHash = hash,
            Reason = input.Reason!.Trim(),
            DurationDays = days,
            DataJson = data?.GetRawText(),
            Extends = input.Extends,
            Status = RequestStatus.PendingApproval,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var summary = await AdvanceAsync(request, product, now, cancellationToken);
        var details = ProductForms.Details(product, request.DataJson, ServerTexts.English);
        var what = details.Count == 0 ? "" : " (" + string.Join("; ", details.Select(d => $"{d.Label}: {d.Value}")) + ")";
        try
        {
            await SaveAsync(request, ChangeWrite.Insert, Event(request, "request.created", "pending", now, $"Requested{what}. {summary}", caller), now, newStep: true);
        }
        catch (DbUpdateException) when (idempotencyKey is not null)
        {
            // The same key arrived twice at once: the unique index kept one; answer with it.
            return await ReplayAsync(caller, idempotencyKey, hash, texts, cancellationToken) ?? throw new InvalidOperationException("A request could not be recorded.");
        }

        return (await FulfilIfApprovedAsync(request, product, cancellationToken), null);
    }

    private async Task<(RequestRecord?, RequestRefusal?)?> ReplayAsync(Caller caller, string? key, string hash, ServerTexts texts, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return null;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var earlier = await db.Requests.AsNoTracking()
            .SingleOrDefaultAsync(r => r.RequesterIssuer == caller.Issuer && r.RequesterSubject == caller.Subject && r.IdempotencyKey == key, cancellationToken);
        return earlier is null ? null
            : earlier.RequestHash == hash ? (earlier, null)
            : (null, new RequestRefusal(StatusCodes.Status409Conflict, ErrorIds.IdempotencyConflict, texts.KeyReusedTitle, texts.KeyReused(earlier.Id)));
    }

    public async Task<(RequestRecord? Request, RequestRefusal? Refusal)> DecideAsync(
        Caller caller, string approvalId, ApprovalDecisionInput input, ServerTexts texts, CancellationToken cancellationToken)
    {
        var (requestId, stepIndex) = ParseApprovalId(approvalId);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var request = requestId is null ? null : await db.Requests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        var steps = request is null ? [] : Steps(request);
        string? decidesFor = null;
        if (request is not null && stepIndex >= 0 && stepIndex < steps.Count && !steps[stepIndex].Approvers.Contains(caller.DirectoryId, StringComparer.OrdinalIgnoreCase))
        {
            // A deputy decides for an approver on leave, also on steps that were already waiting when the leave began.
            var standsInFor = await StandsInForAsync(caller.DirectoryId, cancellationToken);
            decidesFor = steps[stepIndex].Approvers.FirstOrDefault(a => standsInFor.Contains(a, StringComparer.OrdinalIgnoreCase));
        }

        if (request is null || stepIndex < 0 || stepIndex >= steps.Count || decidesFor is null && !steps[stepIndex].Approvers.Contains(caller.DirectoryId, StringComparer.OrdinalIgnoreCase) && request.RequesterSubject != caller.DirectoryId)
        {
            return (null, new(StatusCodes.Status404NotFound, ErrorIds.NoSuchApproval, texts.NoSuchApprovalTitle, texts.NoSuchApproval(approvalId)));
        }

        var step = steps[stepIndex];
        if (request.Status != RequestStatus.PendingApproval || request.StepIndex != stepIndex || step.Status != "pending")
        {
            return (null, new(StatusCodes.Status409Conflict, ErrorIds.AlreadyDecided, texts.AlreadyDecidedTitle,
                texts.AlreadyDecided(step.Status, [.. step.Decisions.Select(d => d.ApproverName)], step.DecidedAt, request.Status)));
        }

        var product = ProductOf(request);
        if (string.Equals(request.RequesterSubject, caller.DirectoryId, StringComparison.OrdinalIgnoreCase))
        {
            await DenyAsync(caller, product, request.BeneficiaryId, $"Refused: the requester may not decide on request {request.Id}.");
            return (null, new(StatusCodes.Status403Forbidden, ErrorIds.OutOfScope, texts.NotYourDecisionTitle, texts.OwnRequest));
        }

        // The approver must still be one now: the directory is read again (group membership, manager, owner).
        var spec = step.Escalated ? WorkflowOf(request, product).Steps[stepIndex].EscalateTo! : WorkflowOf(request, product).Steps[stepIndex].Approver!;
        var current = await ApproversAsync(spec, request, product, cancellationToken);
        var decidedBefore = step.Decisions.Any(d => d.IsOf(caller.DirectoryId) || (decidesFor is not null && d.IsOf(decidesFor)));
        if (!current.Contains(decidesFor ?? caller.DirectoryId, StringComparer.OrdinalIgnoreCase) || decidedBefore)
        {
            await DenyAsync(caller, product, request.BeneficiaryId, $"Refused: {caller.DirectoryId} is no longer an approver of step '{step.Title}' of request {request.Id}.");
            return (null, new(StatusCodes.Status403Forbidden, ErrorIds.OutOfScope, texts.NotYourDecisionTitle, decidedBefore ? texts.DecidedBefore : texts.NoLongerApprover));
        }

        if (!input.Approve && string.IsNullOrWhiteSpace(input.Comment))
        {
            return (null, new(StatusCodes.Status400BadRequest, ErrorIds.ValidationFailed, texts.DecisionNotValid, texts.SayWhyDeny, "/comment"));
        }

        var now = audit.Now();
        step.Decisions.Add(new DecisionState(caller.DirectoryId, caller.Name, input.Approve, input.Comment?.Trim(), now, decidesFor));
        string type, detail;
        if (!input.Approve)
        {
            Close(request, step, "denied", RequestStatus.Denied, now);
            type = "request.denied";
            detail = $"{step.Title}: denied by {caller.Name}: {input.Comment!.Trim()}";
            SetSteps(request, steps);
        }
        else if (step.Mode == "all" && step.Approvers.Any(a => !step.Decisions.Any(d => d.Approve && d.IsOf(a))))
        {
            type = "request.approval";
            detail = $"{step.Title}: approved by {caller.Name}; waiting for the other approvers.";
            SetSteps(request, steps);
        }
        else
        {
            step.Status = "approved";
            step.DecidedAt = now;
            SetSteps(request, steps);
            request.StepIndex = stepIndex + 1;
            var next = await AdvanceAsync(request, product, now, cancellationToken);
            type = "request.approved";
            detail = $"{step.Title}: approved by {caller.Name}{(string.IsNullOrWhiteSpace(input.Comment) ? "" : ": " + input.Comment.Trim())}. {next}";
        }

        if (!await ClaimAsync(request, cancellationToken))
        {
            return (null, new(StatusCodes.Status409Conflict, ErrorIds.AlreadyDecided, texts.AlreadyDecidedTitle, texts.DecidedMeanwhile));
        }

        request.UpdatedAt = now;
        await SaveAsync(request, ChangeWrite.Update, Event(request, type, input.Approve ? "approved" : "denied", now, detail, caller), now, newStep: type == "request.approved");
        return (await FulfilIfApprovedAsync(request, product, cancellationToken), null);
    }

    public async Task<(RequestRecord? Request, RequestRefusal? Refusal)> CancelAsync(Caller caller, string id, ServerTexts texts, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var request = await db.Requests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null || !string.Equals(request.RequesterSubject, caller.DirectoryId, StringComparison.OrdinalIgnoreCase) || request.RequesterIssuer != caller.Issuer)
        {
            return (null, new(StatusCodes.Status404NotFound, ErrorIds.NoSuchRequest, texts.NoSuchRequestTitle, texts.NoSuchRequestOfYours(id)));
        }

        if (request.Status != RequestStatus.PendingApproval)
        {
            return (null, new(StatusCodes.Status409Conflict, ErrorIds.AlreadyDecided, texts.NotPendingTitle, texts.OnlyPendingCancels(request.Status)));
        }

        var now = audit.Now();
        var steps = Steps(request);
        Close(request, steps[request.StepIndex], "cancelled", RequestStatus.Cancelled, now);
        SetSteps(request, steps);
        if (!await ClaimAsync(request, cancellationToken))
        {
            return (null, new(StatusCodes.Status409Conflict, ErrorIds.AlreadyDecided, texts.NotPendingTitle, texts.CancelledMeanwhile));
        }

        request.UpdatedAt = now;
        await audit.AppendAsync(request, ChangeWrite.Update, [Event(request, "request.cancelled", "cancelled", now, "Cancelled by the requester.", caller)]);
        return (request, null);
    }

    /// <summary>Steps whose time ran out are escalated (once) or denied; the change is audited as done by the system.</summary>
    public async Task TimeOutAsync(RequestRecord request, CancellationToken cancellationToken)
    {
        var product = ProductOf(request);
        var workflowStep = WorkflowOf(request, product).Steps[request.StepIndex];
        var steps = Steps(request);
        var step = steps[request.StepIndex];
        var now = audit.Now();
        string type, detail;
        var escalateTo = workflowStep.OnTimeout == "escalate" && !step.Escalated ? await ApproversAsync(workflowStep.EscalateTo!, request, product, cancellationToken) : [];
        if (escalateTo.Count > 0)
        {
            step.Approvers = escalateTo;
            step.Escalated = true;
            step.DueAt = now + (workflowStep.TimeoutAfter ?? TimeSpan.FromDays(3));
            request.DueAt = step.DueAt;
            request.PendingApprovers = Lines(escalateTo);
            type = "request.escalated";
            detail = $"{step.Title}: nobody decided in time; escalated to {string.Join(", ", escalateTo)}.";
        }
        else
        {
            Close(request, step, "timed-out", RequestStatus.Denied, now);
            type = "request.timed-out";
            detail = $"{step.Title}: nobody decided in time; the request is denied.";
        }

        SetSteps(request, steps);
        if (await ClaimAsync(request, cancellationToken))
        {
            request.UpdatedAt = now;
            await SaveAsync(request, ChangeWrite.Update, Event(request, type, "timed-out", now, detail, null), now, newStep: true);
        }
    }

    /// <summary>Reminds the current step's approvers once (a mail), audited as the system.</summary>
    public async Task RemindAsync(RequestRecord request, CancellationToken cancellationToken)
    {
        var now = audit.Now();
        var step = Steps(request)[request.StepIndex];
        request.RemindAt = null;
        if (await ClaimAsync(request, cancellationToken))
        {
            request.UpdatedAt = now;
            await SaveAsync(request, ChangeWrite.Update, Event(request, "request.reminded", "pending", now,
                $"{step.Title}: still waiting for {string.Join(", ", step.Approvers)}; reminded.", null), now, newStep: true, reminder: true);
        }
    }

    /// <summary>The end of time-bound access: the revocation task runs, audited as the system on behalf of the request.</summary>
    public async Task RevokeAsync(RequestRecord request, CancellationToken cancellationToken)
    {
        var product = ProductOf(request);
        var result = await RunAsync(product.Revocation!, product, request, cancellationToken);
        var now = audit.Now();
        if (!await ClaimAsync(request, cancellationToken))
        {
            return;
        }

        request.UpdatedAt = now;
        if (result.Outcome == ActionOutcome.Failed)
        {
            LogRevocationFailed(logger, request.Id, result.Error?.Message ?? "unknown");
            await audit.AppendAsync(request, ChangeWrite.Update, [Event(request, "request.revocation-failed", "failure", now,
                $"The access ended but could not be revoked; tried again shortly: {result.Error?.Message}", null)]);
            return;
        }

        request.Status = RequestStatus.Expired;
        request.ChangesJson = JsonSerializer.Serialize(ChangeMapping.Diffs(result), JsonSerializerOptions.Web);
        await SaveAsync(request, ChangeWrite.Update, Event(request, "request.revoked", "success", now,
            $"Access ended on {request.ExpiresAt:yyyy-MM-dd HH:mm} UTC and was revoked by the system on behalf of request {request.Id}.", null, ChangeMapping.Diffs(result)), now, newStep: false);
    }

    /// <summary>Runs the fulfilment of a request that every step approved (also after a crash between approval and fulfilment).</summary>
    public async Task<RequestRecord> FulfilIfApprovedAsync(RequestRecord request, ProductDefinition product, CancellationToken cancellationToken)
    {
        if (request.Status != RequestStatus.Approved)
        {
            return request;
        }

        // Scope re-checked just before fulfilment: the requester may still request the product, for this beneficiary.
        var requester = new Caller(request.RequesterIssuer, request.RequesterSubject, request.RequesterName, request.RequesterRoles.Split(' ', StringSplitOptions.RemoveEmptyEntries), "catalog", null);
        string? refusal = !await MayRequestAsync(requester, product, CancellationToken.None) ? "the requester may no longer request this product"
            : !await MayRequestForAsync(requester.DirectoryId, request.BeneficiaryId, product, CancellationToken.None) ? $"{request.BeneficiaryId} is no longer someone the requester may request it for"
            : null;
        var result = refusal is null ? await RunAsync(product.Fulfilment, product, request, CancellationToken.None) : null;
        var now = audit.Now();
        if (!await ClaimAsync(request, CancellationToken.None))
        {
            return request;
        }

        request.UpdatedAt = now;
        if (refusal is not null || result!.Outcome == ActionOutcome.Failed)
        {
            var message = refusal is not null ? "Refused just before fulfilment: " + refusal + "." : result!.Error?.Message ?? "The target system could not complete it.";
            request.Status = RequestStatus.Failed;
            request.ErrorJson = JsonSerializer.Serialize(new ChangeError(refusal is null ? "Failed" : "OutOfScope", message, null), JsonSerializerOptions.Web);
            await SaveAsync(request, ChangeWrite.Update, Event(request, "request.failed", "failure", now, message, null), now, newStep: false);
            return request;
        }

        RequestRecord? extended = null;
        if (request.Extends is { } extendsId)
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            extended = await db.Requests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == extendsId, cancellationToken);
        }

        request.Status = RequestStatus.Fulfilled;
        request.FulfilledAt = now;
        var from = extended?.ExpiresAt is { } previous && previous > now ? previous : now;
        request.ExpiresAt = request.DurationDays is { } days ? from.AddDays(days) : null;
        request.ChangesJson = JsonSerializer.Serialize(ChangeMapping.Diffs(result), JsonSerializerOptions.Web);
        await SaveAsync(request, ChangeWrite.Update, Event(request, "request.fulfilled", "success", now,
            $"Fulfilled{(request.ExpiresAt is { } until ? $" until {until:yyyy-MM-dd HH:mm} UTC" : "")}.", null, ChangeMapping.Diffs(result)), now, newStep: false);
        if (extended is { Status: RequestStatus.Fulfilled } && await ClaimAsync(extended, CancellationToken.None))
        {
            extended.Status = RequestStatus.Extended;
            extended.UpdatedAt = now;
            await audit.AppendAsync(extended, ChangeWrite.Update, [Event(extended, "request.extended", "success", now, $"Extended by request {request.Id}.", null)]);
        }

        return request;
    }

    /// <summary>
    /// Stores the request's new state with its audit event and, in the same transaction, the mails it calls for: to the
    /// approvers of a step that now waits (and their deputies while they are on leave), or to the requester when it ended.
    /// </summary>
    private async Task SaveAsync(RequestRecord request, ChangeWrite write, AuditRecord auditEvent, DateTime now, bool newStep, bool reminder = false)
    {
        var deputies = notifications.Enabled && newStep && request.Status == RequestStatus.PendingApproval
            ? (await DeputiesOfAsync(Steps(request)[request.StepIndex].Approvers, CancellationToken.None))
                .Where(d => !string.Equals(d, request.RequesterSubject, StringComparison.OrdinalIgnoreCase)).ToList()
            : [];
        await audit.AppendAsync(request, write, [auditEvent], notifications.Mails(request, now, newStep, reminder, deputies));
        notifications.Outbox.Wake();
    }

    public static List<StepState> Steps(RequestRecord request) => JsonSerializer.Deserialize<List<StepState>>(request.StepsJson, JsonSerializerOptions.Web) ?? [];

    /// <summary>An approval's id: the request and the step.</summary>
    public static string ApprovalId(RequestRecord request, int step) => $"{request.Id}.{step}";

    private static (string? RequestId, int Step) ParseApprovalId(string id)
    {
        var dot = id.LastIndexOf('.');
        return dot > 0 && int.TryParse(id.AsSpan(dot + 1), System.Globalization.CultureInfo.InvariantCulture, out var step) ? (id[..dot], step) : (null, -1);
    }

    /// <summary>The product and workflow versions a request was made with.</summary>
    public ProductDefinition ProductOf(RequestRecord request) =>
        catalog.Find(request.ProductId, request.ProductVersion) ?? catalog.Find(request.ProductId)
        ?? throw new InvalidOperationException($"Request {request.Id}: the product '{request.ProductId}' is no longer in the catalog.");

    private WorkflowDefinition WorkflowOf(RequestRecord request, ProductDefinition product) =>
        catalog.Workflow(product.Workflow, request.WorkflowVersion) ?? catalog.Workflow(product.Workflow)!;

    /// <summary>Runs the steps from the current one until one waits for approvers, one denies, or all approved; returns what happened in words.</summary>
    private async Task<string> AdvanceAsync(RequestRecord request, ProductDefinition product, DateTime now, CancellationToken cancellationToken)
    {
        var workflow = WorkflowOf(request, product);
        var steps = Steps(request);
        var said = new List<string>();
        var roles = request.RequesterRoles.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = request.StepIndex; i < workflow.Steps.Count; i++)
        {
            var step = workflow.Steps[i];
            if (step.AppliesWhen is { } applies && !applies.Holds(product, roles))
            {
                steps.Add(new StepState
                {
                    Step = step.Id, Title = step.Title, Status = "skipped", Rule = ServerTexts.English.Rule(StepState.RuleApplies, applies),
                    RuleKind = StepState.RuleApplies, Condition = applies, CreatedAt = now, DecidedAt = now,
                });
                said.Add($"{step.Title}: skipped ({steps[^1].Rule}).");
                continue;
            }

            if (step.AutoApproveWhen is { } auto && auto.Holds(product, roles))
            {
                steps.Add(new StepState
                {
                    Step = step.Id, Title = step.Title, Status = "auto-approved", Rule = auto.Describe(), RuleKind = StepState.RuleAutoApproved, Condition = auto,
                    CreatedAt = now, DecidedAt = now,
                });
                said.Add($"{step.Title}: approved automatically (rule: {auto.Describe()}).");
                continue;
            }

            var approvers = step.Approver is null ? [] : await ApproversAsync(step.Approver, request, product, cancellationToken);
            var escalated = false;
            if (approvers.Count == 0 && step.EscalateTo is not null)
            {
                approvers = await ApproversAsync(step.EscalateTo, request, product, cancellationToken);
                escalated = true;
            }

            if (approvers.Count == 0)
            {
                var (kind, condition) = step.Approver is null ? (StepState.RuleNotAutomatic, step.AutoApproveWhen) : (StepState.RuleNoApprover, null);
                var rule = ServerTexts.English.Rule(kind, condition);
                steps.Add(new StepState { Step = step.Id, Title = step.Title, Status = "denied", Rule = rule, RuleKind = kind, Condition = condition, CreatedAt = now, DecidedAt = now });
                request.StepIndex = i;
                request.Status = RequestStatus.Denied;
                request.PendingApprovers = "";
                request.DueAt = null;
                SetSteps(request, steps);
                said.Add($"{step.Title}: denied ({rule}).");
                return string.Join(" ", said);
            }

            var due = step.TimeoutAfter is { } timeout ? now + timeout : (DateTime?)null;
            steps.Add(new StepState { Step = step.Id, Title = step.Title, Status = "pending", Mode = step.Mode, Approvers = approvers, CreatedAt = now, DueAt = due, Escalated = escalated });
            request.StepIndex = i;
            request.Status = RequestStatus.PendingApproval;
            request.PendingApprovers = Lines(approvers);
            request.DueAt = due;
            request.RemindAt = step.RemindAfter is { } remind ? now + remind : null;
            SetSteps(request, steps);
            said.Add($"{step.Title}: waiting for {string.Join(step.Mode == "all" ? " and " : " or ", approvers)}.");
            return string.Join(" ", said);
        }

        request.StepIndex = workflow.Steps.Count;
        request.Status = RequestStatus.Approved;
        request.PendingApprovers = "";
        request.DueAt = null;
        request.RemindAt = null;
        SetSteps(request, steps);
        said.Add("Every step approved.");
        return string.Join(" ", said);
    }

    /// <summary>The deputies of these approvers now (their leave is on): they are told of a step, and may decide it for them.</summary>
    private async Task<List<string>> DeputiesOfAsync(IReadOnlyCollection<string> approvers, CancellationToken cancellationToken)
    {
        var now = audit.Now();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Deputies.AsNoTracking().Where(d => approvers.Contains(d.ApproverId) && d.From <= now && d.Until > now).Select(d => d.DeputyId).ToListAsync(cancellationToken);
    }

    /// <summary>The approvers the user is a deputy for now (their leave is on).</summary>
    public async Task<List<string>> StandsInForAsync(string userId, CancellationToken cancellationToken)
    {
        var now = audit.Now();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Deputies.AsNoTracking().Where(d => d.DeputyId == userId && d.From <= now && d.Until > now).Select(d => d.ApproverId).ToListAsync(cancellationToken);
    }

    /// <summary>The approvers of a step as the directory says now, never the requester.</summary>
    private async Task<List<string>> ApproversAsync(ApproverSpec spec, RequestRecord request, ProductDefinition product, CancellationToken cancellationToken)
    {
        var directory = Directory(product);
        var ids = new List<string>();
        switch (spec.Kind)
        {
            case "requesterManager":
                ids.AddIfSome((await directory.FindAsync(DirectoryObjectKind.User, request.RequesterSubject, cancellationToken))?.ManagerId);
                break;
            case "targetManager":
                ids.AddIfSome((await directory.FindAsync(DirectoryObjectKind.User, request.BeneficiaryId, cancellationToken))?.ManagerId);
                break;
            case "resourceOwner":
                if (product.Owner is { } owner)
                {
                    ids.Add(owner);
                }
                else if (product.Fulfilment.Parameters.TryGetValue("groupId", out var group))
                {
                    ids.AddIfSome((await directory.FindAsync(DirectoryObjectKind.Group, group, cancellationToken))?.OwnerId);
                }
                else if (product.Fulfilment.Parameters.TryGetValue("mailboxId", out var mailbox))
                {
                    ids.AddIfSome((await directory.FindAsync(DirectoryObjectKind.Mailbox, mailbox, cancellationToken))?.OwnerId);
                }

                break;
            case "group":
                string? cursor = null;
                do
                {
                    var page = await directory.SearchAsync(new LookupQuery(DirectoryObjectKind.User, null,
                        new TargetScope([new ScopeRule(ScopeRuleKind.MemberOf, spec.Group!)]), cursor, 100, IncludeMemberOf: false), cancellationToken);
                    ids.AddRange(page.Items.Select(u => u.Id));
                    cursor = page.NextCursor;
                }
                while (cursor is not null && ids.Count < 1000);
                break;
            case "users":
                ids.AddRange(spec.Users!);
                break;
        }

        return [.. ids.Where(id => !string.Equals(id, request.RequesterSubject, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private async Task<bool> MayRequestForAsync(string requester, string beneficiary, ProductDefinition product, CancellationToken cancellationToken)
    {
        if (string.Equals(requester, beneficiary, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (product.OnBehalfOf?.DirectReports != true)
        {
            return false;
        }

        var user = await Directory(product).FindAsync(DirectoryObjectKind.User, beneficiary, cancellationToken);
        return user?.ManagerId is { } manager && string.Equals(manager, requester, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<ActionResult> RunAsync(ProductTask task, ProductDefinition product, RequestRecord request, CancellationToken cancellationToken)
    {
        try
        {
            var values = ProductForms.Values(task, request.BeneficiaryId, request.DataJson);
            return await connectors.Get(task.Connector).ExecuteAsync(ActionFactory.Create(task.Action, values), ActionMode.Apply, cancellationToken);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogConnectorFailure(logger, e, request.Id);
            return ActionResult.Failed(ActionErrorCode.Unavailable, "The target system could not complete it. It is tried again.");
        }
    }

    /// <summary>Moves the request's version on; false when another writer moved it first.</summary>
    private async Task<bool> ClaimAsync(RequestRecord request, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var claimed = await db.Requests.Where(r => r.Id == request.Id && r.Version == request.Version)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, r => r.Version + 1), cancellationToken);
        request.Version++;
        return claimed == 1;
    }

    private async Task DenyAsync(Caller caller, ProductDefinition product, string beneficiary, string detail) =>
        await audit.AppendAsync(null, ChangeWrite.None, [ChangeMapping.Denied(caller, "product:" + product.Id, product.Version, beneficiary, detail, null, null, null, audit.Now())]);

    private IDirectoryConnector Directory(ProductDefinition product) => connectors.Get(product.Fulfilment.Connector);

    private static void Close(RequestRecord request, StepState step, string stepStatus, string requestStatus, DateTime now)
    {
        step.Status = stepStatus;
        step.DecidedAt = now;
        request.Status = requestStatus;
        request.PendingApprovers = "";
        request.DueAt = null;
        request.RemindAt = null;
    }

    private static void SetSteps(RequestRecord request, List<StepState> steps) => request.StepsJson = JsonSerializer.Serialize(steps, JsonSerializerOptions.Web);

    private static string Lines(IEnumerable<string> ids) => "\n" + string.Join("\n", ids) + "\n";

    /// <summary>An audit event of a request: by the caller, or by the system on behalf of the request.</summary>
    public static AuditRecord Event(RequestRecord r, string type, string outcome, DateTime at, string detail, Caller? by, IReadOnlyList<AttributeDiff>? diffs = null) => new()
    {
        Id = Guid.NewGuid().ToString(),
        OccurredAt = at,
        Type = type,
        ActorIssuer = by?.Issuer ?? SystemIssuer,
        ActorSubject = by?.Subject ?? "system",
        ActorName = by?.Name ?? $"DelegationWidgets (for request {r.Id} by {r.RequesterName})",
        ActorRoles = by is null ? "" : string.Join(' ', by.Roles),
        Via = "catalog",
        Address = by?.Address,
        FormId = "product:" + r.ProductId,
        FormVersion = r.ProductVersion,
        TargetId = r.BeneficiaryId,
        ChangeId = r.Id,
        Reason = r.Reason,
        Outcome = outcome,
        Detail = detail,
        ChangesJson = JsonSerializer.Serialize(diffs ?? [], JsonSerializerOptions.Web),
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "DW1012 connector failure while fulfilling or revoking request {RequestId}")]
    private static partial void LogConnectorFailure(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: the end of its access could not be revoked: {Reason}")]
    private static partial void LogRevocationFailed(ILogger logger, string requestId, string reason);
}

internal static class ListExtensions
{
    public static void AddIfSome(this List<string> list, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            list.Add(value);
        }
    }
}
