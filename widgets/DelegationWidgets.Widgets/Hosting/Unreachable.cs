using Microsoft.JSInterop;

namespace DelegationWidgets.Widgets.Hosting;

/// <summary>Failures that are not the API's answer: the network, the page's token bridge or the browser gave up.</summary>
public static class Unreachable
{
    public static bool Is(Exception exception) => exception is HttpRequestException or JSException or TaskCanceledException;
}
