namespace DelegationWidgets.Connectors.Itsm;

/// <summary>Untrusted text (a typed ticket number, a value from an answer) as it may appear in a message or a log line.</summary>
internal static class TicketText
{
    /// <summary>At most 40 characters (then <c>…</c>), without control characters.</summary>
    public static string Shown(string? text)
    {
        var visible = new string((text ?? "").Where(c => !char.IsControl(c)).Take(41).ToArray());
        return visible.Length > 40 ? visible[..40] + "…" : visible;
    }
}
