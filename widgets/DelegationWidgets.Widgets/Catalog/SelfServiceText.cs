using System.Globalization;
using DelegationWidgets.Sdk;
using DelegationWidgets.Widgets.Texts;

namespace DelegationWidgets.Widgets.Catalog;

/// <summary>What the self-service widgets show alike: times, problems, and API values as class names.</summary>
internal static class SelfServiceText
{
    /// <summary>A time as the audit trail shows it (the bundle has no time-zone data): <c>2026-11-30 18:03 UTC</c>.</summary>
    public static string When(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>The machine-readable time for <c>&lt;time datetime&gt;</c>.</summary>
    public static string Iso(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>A problem answer in words: sign-in, not allowed (the server's detail when it gives one), unavailable, or the server's detail.</summary>
    public static string Describe(WidgetTexts texts, DelegationApiException e) => e.Status switch
    {
        401 => texts.SignInNeeded,
        403 => string.IsNullOrEmpty(e.Detail) ? texts.NotPermitted : e.Detail,
        0 or 502 or 503 or 504 => texts.Unavailable,
        _ => e.Detail ?? e.Title ?? e.Message,
    };

    /// <summary>An API value (a status, a risk, an icon name) as part of a <c>dw-</c> class name: lower-case letters, digits and dashes only.</summary>
    public static string ClassPart(string? value) =>
        string.IsNullOrEmpty(value) ? "none" : new string(value.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray());

    public static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
