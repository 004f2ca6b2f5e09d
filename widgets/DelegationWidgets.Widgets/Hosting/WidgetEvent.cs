using System.Text.Json.Serialization;

namespace DelegationWidgets.Widgets.Hosting;

/// <summary>The <c>detail</c> of the DOM events the widgets dispatch (<c>dw-submitted</c>, <c>dw-failed</c>, <c>dw-cancelled</c>).</summary>
public sealed record WidgetEvent(
    string? FormId,
    string? ChangeId = null,
    string? Status = null,
    string? Outcome = null,
    string? Target = null,
    string? Error = null,
    string? Message = null);

/// <summary>Source-generated JSON for what crosses to the page (the trimmed bundle has no reflection-based serialization).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WidgetEvent))]
internal sealed partial class WidgetJsonContext : JsonSerializerContext;
