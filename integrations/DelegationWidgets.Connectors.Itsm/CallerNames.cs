using System.Text.RegularExpressions;

namespace DelegationWidgets.Connectors.Itsm;

/// <summary>
/// Which caller names the connector puts into a system's query language (a ServiceNow encoded query, a TOPdesk FIQL query):
/// 1 to 100 letters, digits and <c>. _ @ + -</c>. That covers user names and e-mail addresses while leaving out every
/// operator of both languages (<c>^ = ! , ; ( ) &lt; &gt; * '</c>, quotes, spaces, and the <c>:</c> of <c>javascript:</c>). A
/// caller whose name has anything else is not matched: the check fails closed.
/// </summary>
internal static partial class CallerNames
{
    public static bool IsSafe(string? name) => name is not null && SafeName().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9._@+-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeName();
}
