using System.Text.Json;

namespace DelegationWidgets.Sdk.Models;

/// <summary>A product of the self-service catalog the caller may request (<c>GET /api/v1/catalog</c>).</summary>
/// <param name="Icon">A short icon name (e.g. <c>app</c>, <c>licence</c>, <c>mailbox</c>, <c>shield</c>).</param>
/// <param name="Risk"><c>low</c>, <c>medium</c> or <c>high</c>.</param>
/// <param name="MaxDurationDays">Access ends after at most this many days (time-bound); null: no end.</param>
/// <param name="OnBehalfOfDirectReports">The caller may request it for their direct reports too.</param>
/// <param name="Approval">Who approves, in words (e.g. "Your manager, then the resource owner"; "Approved automatically").</param>
/// <param name="Form">The product's own request fields, if it has any; their values go in <see cref="AccessRequestInput.Data"/>.</param>
public sealed record CatalogItem(
    string Id,
    int Version,
    string Title,
    string? Description,
    string? Icon,
    string Category,
    decimal Cost,
    string Risk,
    int? MaxDurationDays,
    bool OnBehalfOfDirectReports,
    string Approval,
    ProductForm? Form = null);

/// <summary>
/// A product's request fields: a JSON Schema under the Form Profile and a UI schema, as for forms (no lookups, no secrets:
/// a request is stored and shown to its approvers).
/// </summary>
public sealed record ProductForm(JsonElement Schema, JsonElement UiSchema);

/// <summary>One value of a request's fields as a person reads it (the field's title and the chosen option's title).</summary>
/// <param name="Field">The JSON pointer of the value in the request's data, e.g. <c>/permission</c>.</param>
public sealed record RequestDetail(string Field, string Label, string Value);

/// <summary>A request for a product (<c>POST /api/v1/requests</c>).</summary>
/// <param name="Beneficiary">Whom it is for (a directory id); null: the caller.</param>
/// <param name="DurationDays">For time-bound products: how many days (at most the product's maximum; default the maximum).</param>
/// <param name="Extends">The id of a fulfilled time-bound request this one extends; it passes the approvals again.</param>
/// <param name="Data">The values of the product's request fields (<see cref="CatalogItem.Form"/>); validated by the Form Profile. Leave out for products without fields.</param>
public sealed record AccessRequestInput(
    string Product, string? Beneficiary = null, string? Reason = null, int? DurationDays = null, string? Extends = null, JsonElement? Data = null);

/// <summary>A request and its timeline (<c>GET /api/v1/requests/{id}</c>).</summary>
/// <param name="Status"><c>pending-approval</c>, <c>fulfilled</c>, <c>denied</c>, <c>cancelled</c>, <c>failed</c> or <c>expired</c>.</param>
/// <param name="Timeline">Each approval step as it went: who, when, with which comment; auto-approved steps name their rule.</param>
/// <param name="Details">The values of the product's request fields, readable.</param>
public sealed record AccessRequest(
    string Id,
    string ProductId,
    string ProductTitle,
    Actor Requester,
    string Beneficiary,
    string? Reason,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FulfilledAt,
    DateTimeOffset? ExpiresAt,
    string? Extends,
    IReadOnlyList<RequestStep> Timeline,
    ChangeError? Error,
    IReadOnlyList<RequestDetail>? Details = null);

/// <summary>One approval step of a request.</summary>
/// <param name="Status"><c>pending</c>, <c>approved</c>, <c>auto-approved</c>, <c>denied</c>, <c>skipped</c>, <c>timed-out</c> or <c>cancelled</c>.</param>
/// <param name="Rule">For auto-approved and skipped steps: the rule that decided.</param>
public sealed record RequestStep(
    string Step,
    string Title,
    string Status,
    string? Rule,
    IReadOnlyList<ApprovalDecision> Decisions,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DecidedAt,
    DateTimeOffset? DueAt);

/// <summary>An approver's decision on a step.</summary>
/// <param name="OnBehalfOf">The approver a deputy decided for, while that approver was on leave; null when the approver decided.</param>
public sealed record ApprovalDecision(string Approver, string ApproverName, bool Approve, string? Comment, DateTimeOffset At, string? OnBehalfOf = null);

/// <summary>A step waiting for the caller's decision (<c>GET /api/v1/approvals</c>), with the values of the request's fields.</summary>
public sealed record PendingApproval(
    string Id,
    string RequestId,
    string ProductTitle,
    string RequesterName,
    string Beneficiary,
    string? Reason,
    decimal Cost,
    string Risk,
    string Step,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt,
    IReadOnlyList<RequestDetail>? Details = null);

/// <summary>A decision (<c>POST /api/v1/approvals/{id}/decision</c>).</summary>
public sealed record ApprovalDecisionInput(bool Approve, string? Comment = null);

/// <summary>A deputy to name for a period (<c>POST /api/v1/approvals/deputies</c>), e.g. while the caller is on leave.</summary>
/// <param name="Deputy">The deputy's directory id (someone other than the caller).</param>
/// <param name="Until">When the period ends: after it starts, in the future, and within a year.</param>
/// <param name="From">When the period starts; null: now.</param>
public sealed record DeputyInput(string Deputy, DateTimeOffset Until, DateTimeOffset? From = null);

/// <summary>A deputy of the caller's and their period (<c>GET /api/v1/approvals/deputies</c>), in UTC.</summary>
/// <param name="DeputyId">The deputy's directory id.</param>
public sealed record Deputy(string Id, string DeputyId, DateTimeOffset From, DateTimeOffset Until);
