using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace DelegationWidgets.Widgets.Hosting;

/// <summary>
/// What the widgets get from the page around them, through <c>loader.js</c> (<c>window.DelegationWidgets</c>): the API's
/// address (where loader.js came from, never the page's base URI), the host's token and context
/// (<c>window.dwHost.getToken()</c> / <c>context()</c>), DOM events to the page and the clipboard.
/// </summary>
public class WidgetHost(IJSRuntime js)
{
    /// <summary>A bearer token from the host page; <paramref name="refresh"/> asks it for a new one (after a 401).</summary>
    public virtual ValueTask<string?> TokenAsync(bool refresh, CancellationToken cancellationToken) =>
        js.InvokeAsync<string?>("DelegationWidgets.token", cancellationToken, refresh);

    /// <summary>The host page's context (ticket, reason, target, lang), or an empty context.</summary>
    public virtual async ValueTask<HostContext> ContextAsync()
    {
        var context = await js.InvokeAsync<JsonElement>("DelegationWidgets.context");
        string? Text(string name) => context.ValueKind == JsonValueKind.Object && context.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new HostContext(Text("ticket"), Text("reason"), Text("target"), Text("lang"));
    }

    /// <summary>Dispatches a bubbling <c>CustomEvent</c> from the custom element that holds <paramref name="inside"/>.</summary>
    public virtual ValueTask DispatchAsync(ElementReference inside, string name, WidgetEvent detail) =>
        js.InvokeVoidAsync("DelegationWidgets.dispatch", inside, name, JsonSerializer.Serialize(detail, WidgetJsonContext.Default.WidgetEvent));

    /// <summary>Copies text to the clipboard; false when the page does not allow it.</summary>
    public virtual ValueTask<bool> CopyAsync(string text) => js.InvokeAsync<bool>("DelegationWidgets.copy", text);

    /// <summary>Moves keyboard focus to the element with this id (after a render that created it).</summary>
    public virtual ValueTask FocusAsync(string id) => js.InvokeVoidAsync("DelegationWidgets.focus", id);
}

/// <summary>The host page's context for a widget: values that prefill the form when its attributes do not.</summary>
public sealed record HostContext(string? Ticket, string? Reason, string? Target, string? Lang);
