namespace DelegationWidgets.Host.Widgets;

/// <summary>Settings of the widget bundle and the demo host pages (configuration section <c>Widgets</c>).</summary>
public sealed class WidgetsOptions
{
    public const string Section = "Widgets";

    /// <summary>Origins of the pages that may embed the widgets (CORS on the bundle and the API), e.g. <c>https://corp.service-now.com</c>. None: no page on another origin may.</summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>The published widget bundle (the folder with <c>loader.js</c> and <c>_framework/</c>). Default: <c>widgets</c> next to the host, where its build puts it.</summary>
    public string BundlePath { get; set; } = "";

    /// <summary>Where to serve the demo host pages (another origin than the API), e.g. <c>http://localhost:5081</c>; empty: no demo pages.</summary>
    public string DemoPages { get; set; } = "";

    internal string EffectiveBundlePath => string.IsNullOrWhiteSpace(BundlePath) ? Path.Combine(AppContext.BaseDirectory, "widgets", "wwwroot") : BundlePath;
}
