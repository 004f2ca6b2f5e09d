using System.DirectoryServices.Protocols;

namespace DelegationWidgets.Connectors.Ldap;

/// <summary>
/// The DC's answers as <see cref="ActionResult"/>s with a message a helpdesk agent can act on, on the parameter it belongs
/// to. Active Directory and Samba put a Windows error code in front of their text (<c>0000052D: Constraint violation -
/// check_password_restrictions: the password is too short…</c>); the password rules are recognised from that text.
/// </summary>
internal static class LdapErrors
{
    /// <summary>Whether the DC refused a password by its policy (ERROR_PASSWORD_RESTRICTION, 0x52D, as a constraint violation or unwilling to perform).</summary>
    public static bool IsPasswordRejection(DirectoryOperationException e) =>
        e.Response?.ResultCode is ResultCode.ConstraintViolation or ResultCode.UnwillingToPerform
        && (Text(e).Contains("0000052D", StringComparison.OrdinalIgnoreCase) || Text(e).Contains("password", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the refusal names the password history (the same password was used recently).</summary>
    public static bool IsHistoryRejection(DirectoryOperationException e) =>
        Text(e).Contains("history", StringComparison.OrdinalIgnoreCase) || Text(e).Contains("already used", StringComparison.OrdinalIgnoreCase);

    /// <summary>A clear sentence for a password the DC refused, by the rule it broke.</summary>
    public static string PasswordMessage(DirectoryOperationException e, int? minimumLength)
    {
        var text = Text(e);
        if (text.Contains("too short", StringComparison.OrdinalIgnoreCase))
        {
            return minimumLength is { } length
                ? $"The password is too short: the domain requires at least {length} characters."
                : "The password is too short for the domain's password policy.";
        }

        if (text.Contains("complex", StringComparison.OrdinalIgnoreCase))
        {
            return "The password is not complex enough: use at least three of upper-case letters, lower-case letters, digits and symbols, and no part of the user's name.";
        }

        if (IsHistoryRejection(e))
        {
            return "The password was used recently: the domain's password history does not allow it again. Choose a new one.";
        }

        return text.Contains("too young", StringComparison.OrdinalIgnoreCase) || text.Contains("minimum password age", StringComparison.OrdinalIgnoreCase)
            ? "The password was changed too recently: the domain's minimum password age does not allow another change yet."
            : "The password does not meet the domain's password policy (length, complexity, history or minimum age).";
    }

    /// <summary>
    /// The result for a DC error that is not about a password, on <paramref name="parameter"/>; null when the error is not
    /// one the connector can classify (the caller rethrows).
    /// </summary>
    public static ActionResult? ToResult(DirectoryOperationException e, string what, string? parameter) => e.Response?.ResultCode switch
    {
        ResultCode.InsufficientAccessRights => ActionResult.Failed(
            ActionErrorCode.InsufficientRights,
            $"The connector's service account is not allowed to change {what} in the directory. An administrator has to delegate that right to it.",
            parameter),
        ResultCode.NoSuchObject => ActionResult.Failed(ActionErrorCode.NotFound, $"{Capitalised(what)} no longer exists in the directory.", parameter),
        ResultCode.EntryAlreadyExists => ActionResult.Failed(ActionErrorCode.AlreadyExists, $"{Capitalised(what)} already exists in the directory.", parameter),
        ResultCode.ConstraintViolation or ResultCode.UnwillingToPerform or ResultCode.ObjectClassViolation or ResultCode.InvalidAttributeSyntax => ActionResult.Failed(
            ActionErrorCode.PolicyViolation,
            $"The directory refused the change to {what}: {ServerReason(e)}",
            parameter),
        _ => null,
    };

    /// <summary>The DC's own text without its leading Windows error code.</summary>
    public static string ServerReason(DirectoryOperationException e)
    {
        var text = Text(e).Trim();
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        return colon is > 0 and <= 8 ? text[(colon + 2)..] : text;
    }

    private static string Text(DirectoryOperationException e) => e.Response?.ErrorMessage ?? e.Message;

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
