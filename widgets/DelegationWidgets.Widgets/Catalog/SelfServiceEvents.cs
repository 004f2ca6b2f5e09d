using System.Text.Json;
using DelegationWidgets.Widgets.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace DelegationWidgets.Widgets.Catalog;

/// <summary>
/// The <c>detail</c> of the self-service widgets' DOM events: <c>dw-requested</c> {requestId, productId, status},
/// <c>dw-cancelled</c> {requestId} (from <c>dw-requests</c>), <c>dw-approved</c> / <c>dw-denied</c> {approvalId, requestId}.
/// </summary>
public sealed record SelfServiceEvent(string? RequestId = null, string? ProductId = null, string? Status = null, string? ApprovalId = null);

/// <summary>Dispatches the self-service events to the page, as <see cref="WidgetHost"/> does the form's (<c>DelegationWidgets.dispatch</c> in loader.js).</summary>
public class SelfServiceEvents(IJSRuntime js)
{
    /// <summary>Dispatches a bubbling <c>CustomEvent</c> from the custom element that holds <paramref name="inside"/>.</summary>
    public virtual ValueTask DispatchAsync(ElementReference inside, string name, SelfServiceEvent detail) =>
        js.InvokeVoidAsync("DelegationWidgets.dispatch", inside, name, JsonSerializer.Serialize(detail, SelfServiceJson.Default.SelfServiceEvent));
}
