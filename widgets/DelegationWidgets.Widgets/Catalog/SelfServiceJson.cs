using System.Text.Json;
using System.Text.Json.Serialization;
using DelegationWidgets.Sdk.Models;

namespace DelegationWidgets.Widgets.Catalog;

/// <summary>
/// Source-generated JSON for the self-service calls and events (the trimmed bundle has no reflection-based serialization):
/// the API's wire format (web defaults: camelCase, case-insensitive reading); nulls are left out of what is sent.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<CatalogItem>))]
[JsonSerializable(typeof(AccessRequestInput))]
[JsonSerializable(typeof(AccessRequest))]
[JsonSerializable(typeof(IReadOnlyList<AccessRequest>))]
[JsonSerializable(typeof(IReadOnlyList<PendingApproval>))]
[JsonSerializable(typeof(ApprovalDecisionInput))]
[JsonSerializable(typeof(SelfServiceEvent))]
internal sealed partial class SelfServiceJson : JsonSerializerContext;
