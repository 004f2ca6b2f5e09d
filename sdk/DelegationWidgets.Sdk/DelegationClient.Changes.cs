using DelegationWidgets.Sdk.Models;

namespace DelegationWidgets.Sdk;

public partial class DelegationClient
{
    /// <summary>
    /// Submits a form (<c>POST /api/v1/forms/{id}/submissions</c>) and returns the change: <see cref="ChangeStatus.Succeeded"/>
    /// when it is done (201; a generated password is in <see cref="Change.Secret"/>, this once), or still
    /// <see cref="ChangeStatus.Running"/> / <see cref="ChangeStatus.Queued"/> / <see cref="ChangeStatus.PendingApproval"/>
    /// (202): follow it with <see cref="GetChangeAsync"/>.
    /// </summary>
    /// <param name="formId">The form, e.g. <c>unlock-account</c>.</param>
    /// <param name="request">The data, reason, ticket and (optionally) the form version; <see cref="SubmissionRequest.DryRun"/> must be false (use <see cref="DryRunAsync"/>).</param>
    /// <param name="idempotencyKey">
    /// Makes the submission safe to repeat: the same key with the same data returns the first change instead of
    /// running the action again. When <see langword="null"/>, the client generates one (a GUID) and reuses it for every
    /// retry of this call. Pass your own to make a retry of your own (after a crash, a lost answer) safe too.
    /// </param>
    /// <exception cref="DelegationApiException">
    /// 400 <c>DW1005</c> with <see cref="DelegationApiException.Errors"/> per field; 403 <c>DW1003</c> / <c>DW1004</c>;
    /// 404 <c>DW1002</c>; 409 <c>DW1008</c> (key used for other data) / <c>DW1009</c> (the form changed); 422 <c>DW1011</c>
    /// and 503 <c>DW1012</c> with <see cref="DelegationApiException.ChangeId"/> and <see cref="DelegationApiException.Change"/>.
    /// </exception>
    public virtual async Task<Change> SubmitAsync(string formId, SubmissionRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(formId);
        ArgumentNullException.ThrowIfNull(request);
        if (request.DryRun)
        {
            throw new ArgumentException("This request is a dry run: call DryRunAsync, which returns what would change.", nameof(request));
        }

        if (idempotencyKey is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        }

        using var message = SubmissionMessage(formId, request, idempotencyKey ?? NewIdempotencyKey());
        using var response = await SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, Types.Change, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Validates a submission and computes what it would change, without changing anything (the submission with
    /// <c>dryRun: true</c>). <see cref="DryRunResult.Outcome"/> is <c>Changed</c>, <c>NoChange</c> or <c>Failed</c>.
    /// </summary>
    /// <param name="formId">The form, e.g. <c>unlock-account</c>.</param>
    /// <param name="request">The data, reason and ticket; <see cref="SubmissionRequest.DryRun"/> is set for you.</param>
    /// <exception cref="DelegationApiException">The same validation and scope errors as <see cref="SubmitAsync"/>.</exception>
    public virtual async Task<DryRunResult> DryRunAsync(string formId, SubmissionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(formId);
        ArgumentNullException.ThrowIfNull(request);

        // A dry run changes nothing, so it is safe to repeat; the key (ignored by the server) lets the retry policy see that.
        using var message = SubmissionMessage(formId, request with { DryRun = true }, NewIdempotencyKey());
        using var response = await SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, Types.DryRunResult, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets a change the caller made (administrators: any change) from <c>GET /api/v1/changes/{id}</c>. Never carries a secret.</summary>
    /// <exception cref="DelegationApiException">No such change of the caller (404 <c>DW1010</c>).</exception>
    public virtual Task<Change> GetChangeAsync(string changeId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(changeId);
        return GetAsync($"api/v1/changes/{Escape(changeId)}", Types.Change, cancellationToken);
    }

    private HttpRequestMessage SubmissionMessage(string formId, SubmissionRequest request, string idempotencyKey)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, Resolve($"api/v1/forms/{Escape(formId)}/submissions"))
        {
            Content = JsonBody(request, Types.SubmissionRequest),
        };
        message.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, idempotencyKey);
        return message;
    }

    private static string NewIdempotencyKey() => Guid.NewGuid().ToString();
}
