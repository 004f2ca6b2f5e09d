using System.Text.Json;
using System.Text.Json.Serialization;
using DelegationWidgets.Sdk.Models;

namespace DelegationWidgets.Sdk.Serialization;

/// <summary>
/// The wire format (System.Text.Json web defaults: camelCase, case-insensitive reading), source-generated so the
/// client works trimmed in Blazor WebAssembly.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DevTokenRequest))]
[JsonSerializable(typeof(DevTokenResponse))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(IReadOnlyList<FormSummary>))]
[JsonSerializable(typeof(FormDefinition))]
[JsonSerializable(typeof(LookupOptionsPage))]
[JsonSerializable(typeof(SubmissionRequest))]
[JsonSerializable(typeof(Change))]
[JsonSerializable(typeof(DryRunResult))]
[JsonSerializable(typeof(AuditPage))]
[JsonSerializable(typeof(AuditEvent))]
[JsonSerializable(typeof(AuditVerification))]
[JsonSerializable(typeof(IReadOnlyList<CatalogItem>))]
[JsonSerializable(typeof(AccessRequestInput))]
[JsonSerializable(typeof(AccessRequest))]
[JsonSerializable(typeof(IReadOnlyList<AccessRequest>))]
[JsonSerializable(typeof(IReadOnlyList<PendingApproval>))]
[JsonSerializable(typeof(ApprovalDecisionInput))]
[JsonSerializable(typeof(DeputyInput))]
[JsonSerializable(typeof(Deputy))]
[JsonSerializable(typeof(IReadOnlyList<Deputy>))]
internal sealed partial class SdkJson : JsonSerializerContext;
