using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DelegationWidgets.Connectors;
using DelegationWidgets.Host.Audit;
using DelegationWidgets.Host.Forms;
using DelegationWidgets.Host.Identity;
using DelegationWidgets.Host.Lookups;
using DelegationWidgets.Host.Policy;
using DelegationWidgets.Host.Problems;
using DelegationWidgets.Host.Storage;
using DelegationWidgets.Host.Tickets;
using DelegationWidgets.Sdk.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Host.Changes;

/// <summary>
/// A submission, step by step and failing closed: form → grant → request shape → Form Profile validation
/// (and the grant's overlay, and the form's rules) → scope of every chosen value → idempotency → connector
/// preview → durable record → scope re-check and execution (<see cref="ChangeRunner"/>).
/// Nothing is recorded or changed until every check has passed; refusals for scope are audited.
/// </summary>
internal sealed partial class SubmissionPipeline(
    FormCatalog forms,
    ScopeResolver scopes,
    ScopeCheck scopeCheck,
    ConnectorRegistry connectors,
    ChangeRunner runner,
    TicketCheck ticketCheck,
    AuditChain audit,
    IDbContextFactory<DelegationDbContext> databases,
    IOptions<ChangesOptions> options,
    TimeProvider time)
{
    public const int MaxReasonLength = 1000;
    public const int MaxTicketLength = 64;
    public const int MaxIdempotencyKeyLength = 128;

    public async Task<IResult> SubmitAsync(Caller caller, string formId, SubmissionRequest request, string? idempotencyKey, string? correlationId, CancellationToken cancellationToken)
    {
        var form = forms.Find(formId);
        if (form is null)
        {
            return Problem.FormNotFound(formId);
        }

        var scope = scopes.Resolve(caller, form.Id);
        if (!scope.Allowed)
        {
            await DenyAsync(caller, form, null, "No delegation allows this form.", request, correlationId);
            return Problem.FormNotGranted(form.Id);
        }

        if (request.FormVersion is { } version && version != form.Version)
        {
            await DenyAsync(caller, form, null, $"Refused: the data was entered against form version {version}; the form is at version {form.Version}.", request, correlationId);
            return Problem.Create(StatusCodes.Status409Conflict, ErrorIds.FormVersionChanged, "The form has changed.",
                $"The data was entered against version {version}, but the form is now at version {form.Version}. Reload the form and submit again.");
        }

        var errors = CheckRequest(form, request, idempotencyKey, signedTicket: caller.Ticket is not null);
        var data = WithDefaults(form, request.Data);
        if (data.ValueKind == JsonValueKind.Object)
        {
            foreach (var error in Validate(form, scope, data))
            {
                errors[error.Key] = error.Value;
            }
        }

        var target = data.ValueKind == JsonValueKind.Object && data.TryGetProperty(form.TargetField, out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (errors.Count > 0)
        {
            // Refused requests are audited too (who tried what on whom): field pointers and messages, never values.
            await DenyAsync(caller, form, target, "Refused: " + string.Join("; ", errors.Select(e => $"{e.Key} {string.Join(" ", e.Value)}")), request, correlationId);
            return Problem.Validation(errors);
        }

        var requestHash = HashOf(form, data, request);
        var refused = await scopeCheck.OutOfScopeAsync(form, scope, data, cancellationToken);
        if (refused.Count > 0)
        {
            // A retry of a change that already ran (its target may have moved on since) gets that change back.
            if (await ReplayIfKnownAsync(caller, idempotencyKey, requestHash, (form, request, correlationId), cancellationToken) is { } earlier)
            {
                return earlier;
            }

            await DenyAsync(caller, form, target, string.Join(" ", refused.Values.SelectMany(v => v)), request, correlationId);
            return Problem.Create(StatusCodes.Status403Forbidden, ErrorIds.OutOfScope, "Outside your delegation.",
                "A value you chose is outside what you may change. Choose from the options offered.", refused);
        }

        // The ticket is settled before anything is recorded: signed into the token, verified with the ITSM system, or refused.
        ChangeTicket? ticket = null;
        if (!request.DryRun)
        {
            var (settled, ticketRefusal) = await ticketCheck.SettleAsync(caller, form, Blank(request.Ticket), cancellationToken);
            if (ticketRefusal is not null)
            {
                if (await ReplayIfKnownAsync(caller, idempotencyKey, requestHash, (form, request, correlationId), cancellationToken) is { } earlier)
                {
                    return earlier;
                }

                await DenyAsync(caller, form, target, "Refused: /ticket " + ticketRefusal.Message, request, correlationId);
                return ticketRefusal.Unavailable
                    ? new RetryAfterResult(Problem.Create(StatusCodes.Status503ServiceUnavailable, ErrorIds.TicketSystemUnavailable, "The ticket could not be checked.", ticketRefusal.Message), 5)
                    : Problem.Validation(new Dictionary<string, string[]> { ["/ticket"] = [ticketRefusal.Message] });
            }

            ticket = settled;
        }

        var secretPointers = form.Schema.SecretPointers;

        var connector = connectors.Get(form.Definition.Task.Connector);
        var generated = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (parameter, _) in form.Definition.Task.Generate ?? new Dictionary<string, string>())
        {
            var pointer = form.Definition.Task.Parameters.GetValueOrDefault(parameter);
            if (pointer is null || !data.TryGetProperty(pointer[1..], out var given) || given.ValueKind == JsonValueKind.Null)
            {
                generated[parameter] = connector.GeneratePassword();
            }
        }

        var action = ActionFactory.Create(form.Definition.Task, data, generated);
        var preview = await connector.ExecuteAsync(action, ActionMode.Preview, cancellationToken);
        if (request.DryRun)
        {
            return TypedResults.Ok(new DryRunResult(form.Id, form.Version, target, preview.Outcome.ToString(), ChangeMapping.Diffs(preview), ChangeMapping.Error(form, preview)));
        }

        if (preview.Error is { Code: not (ActionErrorCode.Unavailable or ActionErrorCode.InsufficientRights) } refusal)
        {
            return await ReplayIfKnownAsync(caller, idempotencyKey, requestHash, (form, request, correlationId), cancellationToken) ?? Refusal(form, preview, refusal);
        }

        var now = audit.Now();
        var change = new ChangeRecord
        {
            Id = Guid.NewGuid().ToString(),
            FormId = form.Id,
            FormVersion = form.Version,
            ActorIssuer = caller.Issuer,
            ActorSubject = caller.Subject,
            ActorName = caller.Name,
            ActorRoles = string.Join(' ', caller.Roles),
            ActorGroups = string.Join('\n', caller.Groups),
            Client = caller.Client,
            Address = caller.Address,
            TargetId = target,
            Reason = Blank(request.Reason),
            Ticket = ticket?.Number ?? Blank(request.Ticket),
            TicketVerified = ticket?.Verified ?? false,
            TicketSystem = ticket?.System,
            TicketTable = ticket?.Table,
            TicketId = ticket?.Id,
            IdempotencyKey = idempotencyKey ?? "auto:" + Guid.NewGuid().ToString("N"),
            RequestHash = requestHash,
            DataJson = WithoutSecrets(data, secretPointers),
            HadSecrets = generated.Count > 0 || secretPointers.Any(p => JsonPointer.Find(data, p) is not null),
            Status = ChangeStatus.Running,
            CorrelationId = correlationId,
            CreatedAt = now,
            UpdatedAt = now,
            LeaseOwner = options.Value.InstanceName,
            LeaseExpiresAt = now + options.Value.LeaseDuration,
            Attempts = 1,
        };

        try
        {
            await audit.AppendAsync(change, ChangeWrite.Insert, [ChangeMapping.Event(change, "change.running", "pending", now)]);
        }
        catch (DbUpdateException) when (idempotencyKey is not null)
        {
            // The key was used before (or arrives twice at once): the unique index on (actor, key) refused the second
            // record, so nothing ran twice. Answer with the first change, or 409 when the data differs.
            return await ReplayAsync(caller, idempotencyKey, requestHash, (form, request, correlationId), cancellationToken)
                ?? throw new InvalidOperationException("A change could not be recorded.");
        }

        // The scope check above ran just now, in this request, with nothing in between but recording the change: it is
        // the check just before execution. Changes that run later (recovery) are re-checked by the runner.
        var done = await runner.RunAsync(change, action, recheckScope: false);
        var secretField = generated.Keys.Select(p => form.Definition.Task.Parameters.GetValueOrDefault(p)).FirstOrDefault(p => p is not null);
        var secret = done.Status == ChangeStatus.Succeeded && generated.Count > 0
            ? new GeneratedSecret(secretField?.TrimStart('/') ?? generated.Keys.First(), generated.Values.First())
            : null;
        return ChangeResults.Of(done, secret);
    }

    /// <summary>The first answer for this key, when a submission (not a dry run) with the key was recorded before.</summary>
    private Task<IResult?> ReplayIfKnownAsync(
        Caller caller, string? key, string requestHash, (LoadedForm Form, SubmissionRequest Request, string? CorrelationId) submission, CancellationToken cancellationToken) =>
        key is null || submission.Request.DryRun ? Task.FromResult<IResult?>(null) : ReplayAsync(caller, key, requestHash, submission, cancellationToken);

    private async Task<IResult?> ReplayAsync(
        Caller caller, string key, string requestHash, (LoadedForm Form, SubmissionRequest Request, string? CorrelationId) submission, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
        var existing = await db.Changes.AsNoTracking().SingleOrDefaultAsync(
            c => c.ActorIssuer == caller.Issuer && c.ActorSubject == caller.Subject && c.IdempotencyKey == key, cancellationToken);
        if (existing is null)
        {
            return null;
        }

        if (existing.RequestHash != requestHash)
        {
            await DenyAsync(caller, submission.Form, existing.TargetId, $"Refused: the Idempotency-Key of change {existing.Id} was reused for different data.", submission.Request, submission.CorrelationId);
            return Problem.Create(StatusCodes.Status409Conflict, ErrorIds.IdempotencyConflict, "Idempotency key reused.",
                "This Idempotency-Key was already used for a different submission. Use a new key for new data.",
                extensions: [new("changeId", existing.Id)]);
        }

        return ChangeResults.Of(existing, null);
    }

    private static ProblemHttpResult Refusal(LoadedForm form, ActionResult preview, ActionError refusal)
    {
        var error = ChangeMapping.Error(form, preview)!;
        var errors = new Dictionary<string, string[]> { [error.Field ?? "/data"] = [refusal.Message] };
        return refusal.Code switch
        {
            ActionErrorCode.AlreadyExists => Problem.Create(StatusCodes.Status409Conflict, ErrorIds.TargetRefused, "It exists already.", refusal.Message, errors),
            ActionErrorCode.NotAllowed => Problem.Create(StatusCodes.Status422UnprocessableEntity, ErrorIds.TargetRefused, "The target system does not allow this.", refusal.Message, errors),
            _ => Problem.Validation(errors, refusal.Message),
        };
    }

    private static Dictionary<string, string[]> CheckRequest(LoadedForm form, SubmissionRequest request, string? idempotencyKey, bool signedTicket)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Data.ValueKind != JsonValueKind.Object)
        {
            errors["/data"] = ["Send the form data as a JSON object."];
        }

        var requires = form.Definition.Requires;
        if (requires?.Reason == true && string.IsNullOrWhiteSpace(request.Reason))
        {
            errors["/reason"] = ["Give a reason for this change."];
        }
        else if (request.Reason?.Length > MaxReasonLength)
        {
            errors["/reason"] = [$"Keep the reason to at most {MaxReasonLength} characters."];
        }

        if ((requires?.Ticket == true || requires?.VerifiedTicket == true) && string.IsNullOrWhiteSpace(request.Ticket) && !signedTicket)
        {
            errors["/ticket"] = ["Give the ticket reference this change belongs to."];
        }
        else if (!string.IsNullOrEmpty(request.Ticket) && (request.Ticket.Length > MaxTicketLength || !TicketPattern().IsMatch(request.Ticket)))
        {
            errors["/ticket"] = [$"A ticket reference is at most {MaxTicketLength} letters, digits, single spaces and . _ : / - (e.g. INC0012345 or I 2611 123)."];
        }

        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > MaxIdempotencyKeyLength || idempotencyKey.Any(char.IsControl)))
        {
            errors["/headers/Idempotency-Key"] = [$"The Idempotency-Key header must be 1 to {MaxIdempotencyKeyLength} printable characters."];
        }

        return errors;
    }

    private Dictionary<string, string[]> Validate(LoadedForm form, FormScope scope, JsonElement data)
    {
        var errors = ToErrors(form.Schema.Validate(data));
        if (errors.Count == 0 && scope.Overlays.Count > 0)
        {
            var overlayErrors = scope.Overlays.Select(o => o.Validate(data)).ToArray();
            if (overlayErrors.All(e => e.Count > 0))
            {
                errors = ToErrors(overlayErrors[0]);
            }
        }

        foreach (var rule in form.Definition.Rules ?? [])
        {
            if (errors.ContainsKey("/data/" + rule.Field) || !data.TryGetProperty(rule.Field, out var value) || value.ValueKind != JsonValueKind.String
                || !DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                continue;
            }

            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            var min = today.AddDays(rule.MinDays ?? 0);
            var max = today.AddDays(rule.MaxDays ?? 36500);
            if (date < min || date > max)
            {
                errors["/data/" + rule.Field] = [$"Choose a date from {min:yyyy-MM-dd} to {max:yyyy-MM-dd}."];
            }
        }

        return errors;
    }

    private static Dictionary<string, string[]> ToErrors(IReadOnlyList<DelegationWidgets.FormProfile.FieldError> errors) =>
        errors.GroupBy(e => "/data" + e.Pointer, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    private static JsonElement WithDefaults(LoadedForm form, JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object || form.Defaults.Keys.All(k => data.TryGetProperty(k, out _)))
        {
            return data;
        }

        var node = JsonNode.Parse(data.GetRawText())!.AsObject();
        foreach (var (name, value) in form.Defaults)
        {
            if (!node.ContainsKey(name))
            {
                node[name] = JsonNode.Parse(value.GetRawText());
            }
        }

        return JsonSerializer.SerializeToElement(node);
    }

    private static string WithoutSecrets(JsonElement data, IReadOnlySet<string> secretPointers)
    {
        var node = JsonNode.Parse(data.GetRawText())!.AsObject();
        foreach (var pointer in secretPointers)
        {
            JsonPointer.Remove(node, pointer);
        }

        return node.ToJsonString();
    }

    private static string HashOf(LoadedForm form, JsonElement data, SubmissionRequest request)
    {
        var text = JsonSerializer.Serialize(new object?[] { form.Id, data, Blank(request.Reason), Blank(request.Ticket) });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private async Task DenyAsync(Caller caller, LoadedForm form, string? target, string detail, SubmissionRequest request, string? correlationId)
    {
        var ticket = request.Ticket is { Length: <= MaxTicketLength } tk ? tk : null;
        var reason = request.Reason is { Length: <= MaxReasonLength } rs ? rs : null;
        await audit.AppendAsync(null, ChangeWrite.None, [ChangeMapping.Denied(caller, form.Id, form.Version, target is { Length: <= 256 } ? target : null, detail, reason, ticket, correlationId, audit.Now())]);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // One word, then words after single spaces: every repetition starts with a space, so matching is linear (no backtracking).
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:/-]*(?: [A-Za-z0-9._:/-]+)*$")]
    private static partial Regex TicketPattern();
}
