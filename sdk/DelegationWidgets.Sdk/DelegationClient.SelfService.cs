using DelegationWidgets.Sdk.Models;

namespace DelegationWidgets.Sdk;

public partial class DelegationClient
{
    /// <summary>
    /// Lists the products of the self-service catalog the caller may request (<c>GET /api/v1/catalog</c>), by category and
    /// title; empty when none. A product with its own request fields carries them in <see cref="CatalogItem.Form"/>.
    /// </summary>
    public virtual Task<IReadOnlyList<CatalogItem>> GetCatalogAsync(CancellationToken cancellationToken = default) =>
        GetAsync("api/v1/catalog", Types.IReadOnlyListCatalogItem, cancellationToken);

    /// <summary>
    /// Requests a product for the caller or, where the product allows it, a direct report (<c>POST /api/v1/requests</c>;
    /// 201). The request is <c>fulfilled</c> at once when every approval step approves itself (the rule is in
    /// <see cref="RequestStep.Rule"/>); otherwise it is <c>pending-approval</c>: follow it with <see cref="GetRequestAsync"/>.
    /// </summary>
    /// <param name="input">The product, the reason (required by the server), and the beneficiary, duration and field values where they apply.</param>
    /// <param name="idempotencyKey">
    /// Makes the request safe to repeat: the same key with the same input returns the first request instead of requesting
    /// again. When <see langword="null"/>, the client generates one (a GUID) and reuses it for every retry of this call.
    /// Pass your own (1 to 128 printable characters) to make a retry of your own (after a crash, a lost answer) safe too.
    /// </param>
    /// <exception cref="DelegationApiException">
    /// 400 <c>DW1005</c> with <see cref="DelegationApiException.Errors"/> per field (<c>/reason</c>, <c>/durationDays</c>,
    /// <c>/data/&lt;field&gt;</c> for the product's own fields, <c>/headers/Idempotency-Key</c>); 403 <c>DW1004</c> (not for this
    /// person: <c>/beneficiary</c>); 404 <c>DW1023</c> (no such product the caller may request); 409 <c>DW1024</c> (already
    /// requested: a request of the product for the beneficiary is waiting or fulfilled, or <c>/extends</c> names nothing to
    /// extend) / <c>DW1008</c> (the key was used for another request).
    /// </exception>
    public virtual async Task<AccessRequest> RequestAsync(AccessRequestInput input, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (idempotencyKey is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Resolve("api/v1/requests"))
        {
            Content = JsonBody(input, Types.AccessRequestInput),
        };
        request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, idempotencyKey ?? NewIdempotencyKey());
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, Types.AccessRequest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Lists the caller's requests, made by them or for them, newest first (<c>GET /api/v1/requests?mine=true</c>; the
    /// latest 200); empty when none.
    /// </summary>
    public virtual Task<IReadOnlyList<AccessRequest>> GetMyRequestsAsync(CancellationToken cancellationToken = default) =>
        GetAsync("api/v1/requests?mine=true", Types.IReadOnlyListAccessRequest, cancellationToken);

    /// <summary>
    /// Gets a request with its timeline (<c>GET /api/v1/requests/{id}</c>): the caller's own, one for them, one they
    /// approve, or (administrators) any.
    /// </summary>
    /// <exception cref="DelegationApiException">No such request the caller may see (404 <c>DW1027</c>).</exception>
    public virtual Task<AccessRequest> GetRequestAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        return GetAsync($"api/v1/requests/{Escape(requestId)}", Types.AccessRequest, cancellationToken);
    }

    /// <summary>
    /// Cancels a request of the caller's that is waiting for approval (<c>POST /api/v1/requests/{id}/cancel</c>) and returns
    /// it, <c>cancelled</c>. Sent once, never retried: when the call ends without an answer (a network failure, a timeout),
    /// read the request with <see cref="GetRequestAsync"/>. Cancelling again is harmless: it answers 409 <c>DW1026</c>.
    /// </summary>
    /// <exception cref="DelegationApiException">
    /// 404 <c>DW1027</c> (no such request made by the caller: only the requester cancels); 409 <c>DW1026</c> (it no longer
    /// waits for approval: already cancelled, decided or fulfilled).
    /// </exception>
    public virtual async Task<AccessRequest> CancelRequestAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        using var request = new HttpRequestMessage(HttpMethod.Post, Resolve($"api/v1/requests/{Escape(requestId)}/cancel"));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, Types.AccessRequest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Lists the approval steps waiting for the caller's decision, oldest first (<c>GET /api/v1/approvals</c>), including
    /// steps that began while the caller was deputy for one of their approvers; never the caller's own requests. Empty when none.
    /// </summary>
    public virtual Task<IReadOnlyList<PendingApproval>> GetApprovalsAsync(CancellationToken cancellationToken = default) =>
        GetAsync("api/v1/approvals", Types.IReadOnlyListPendingApproval, cancellationToken);

    /// <summary>
    /// Approves or denies an approval step (<c>POST /api/v1/approvals/{id}/decision</c>) and returns the request as it is
    /// now: waiting for its next step, <c>fulfilled</c> after the last approval, or <c>denied</c>. A denial needs a comment.
    /// Sent once, never retried: a decision repeated after it went through answers 409 <c>DW1026</c> (already decided, with
    /// who decided and when), which would hide the success. When the call ends without an answer (a network failure, a
    /// timeout), read the request with <see cref="GetRequestAsync"/> (<see cref="PendingApproval.RequestId"/>) to see whether
    /// the decision was recorded.
    /// </summary>
    /// <param name="approvalId">The <see cref="PendingApproval.Id"/> from <see cref="GetApprovalsAsync"/>.</param>
    /// <param name="decision">Approve or deny, with a comment (required to deny).</param>
    /// <exception cref="DelegationApiException">
    /// 400 <c>DW1005</c> (a denial without a comment: <c>/comment</c>); 403 <c>DW1004</c> (not your decision: your own request,
    /// no longer one of the step's approvers, or you already decided on a step that waits for every approver); 404
    /// <c>DW1025</c> (no such approval for the caller); 409 <c>DW1026</c> (already decided, or the request was cancelled).
    /// </exception>
    public virtual async Task<AccessRequest> DecideAsync(string approvalId, ApprovalDecisionInput decision, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(approvalId);
        ArgumentNullException.ThrowIfNull(decision);
        using var request = new HttpRequestMessage(HttpMethod.Post, Resolve($"api/v1/approvals/{Escape(approvalId)}/decision"))
        {
            Content = JsonBody(decision, Types.ApprovalDecisionInput),
        };
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, Types.AccessRequest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Names the caller's deputy for a period, e.g. for leave (<c>POST /api/v1/approvals/deputies</c>; 201): the deputy is
    /// asked, besides the caller, on every approval step that begins within the period. Sent once, never retried: a repeat would record the deputy a second
    /// time; when the call ends without an answer, look with <see cref="GetDeputiesAsync"/>.
    /// </summary>
    /// <param name="input">The deputy's directory id, the end of the period and (optionally) its start; the start defaults to now.</param>
    /// <exception cref="DelegationApiException">
    /// 400 <c>DW1005</c> with <c>/deputy</c> (empty, the caller, or no such user) or <c>/until</c> (the period must end after it
    /// starts, in the future, within a year).
    /// </exception>
    public virtual async Task<Deputy> SetDeputyAsync(DeputyInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var request = new HttpRequestMessage(HttpMethod.Post, Resolve("api/v1/approvals/deputies"))
        {
            Content = JsonBody(input, Types.DeputyInput),
        };
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, Types.Deputy, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the caller's deputies whose period has not ended, by start (<c>GET /api/v1/approvals/deputies</c>); empty when none.</summary>
    public virtual Task<IReadOnlyList<Deputy>> GetDeputiesAsync(CancellationToken cancellationToken = default) =>
        GetAsync("api/v1/approvals/deputies", Types.IReadOnlyListDeputy, cancellationToken);
}
