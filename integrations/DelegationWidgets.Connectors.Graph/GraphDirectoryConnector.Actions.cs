using System.Net.Mail;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DelegationWidgets.Connectors.Graph.Http;
using DelegationWidgets.Connectors.Graph.Passwords;

namespace DelegationWidgets.Connectors.Graph;

// ExecuteAsync: one handler per action record. A handler reads the object's current state from Graph, computes the
// before/after and, in Apply mode only, sends the one PATCH/POST/DELETE that makes the change. A repeat finds the effect
// already there and returns NoChange. Graph's refusals become ActionResult values (GraphErrors); an unreachable Graph or an
// open circuit becomes Unavailable, with nothing confirmed by this call and the change safe to retry.
internal sealed partial class GraphDirectoryConnector
{
    private const string UserIdParameter = "userId";
    private const string NewPasswordParameter = "newPassword";

    private const string PasswordPermission =
        "User-PasswordProfile.ReadWrite.All (users who hold an admin role can only be reset by an app with a privileged role such as Privileged Authentication Administrator)";

    private const string AccountPermission =
        "User.ReadWrite.All or User.EnableDisableAccount.All (users who hold an admin role also need a privileged role for the app)";

    private const string ContactPermission = "User.ReadWrite.All";

    public async Task<ActionResult> ExecuteAsync(DirectoryAction action, ActionMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var apply = mode == ActionMode.Apply;
        try
        {
            return action switch
            {
                ResetPassword a => await ResetPasswordAsync(a, apply, cancellationToken).ConfigureAwait(false),
                DisableAccount a => await SetEnabledAsync(a.UserId, false, apply, cancellationToken).ConfigureAwait(false),
                EnableAccount a => await SetEnabledAsync(a.UserId, true, apply, cancellationToken).ConfigureAwait(false),
                UpdateContactDetails a => await UpdateContactDetailsAsync(a, apply, cancellationToken).ConfigureAwait(false),
                AddGroupMember a => await ChangeMembershipAsync(a.UserId, a.GroupId, add: true, apply, cancellationToken).ConfigureAwait(false),
                RemoveGroupMember a => await ChangeMembershipAsync(a.UserId, a.GroupId, add: false, apply, cancellationToken).ConfigureAwait(false),
                _ => ActionResult.Failed(ActionErrorCode.NotAllowed, $"The action '{action.Name}' is not supported by this connector (Microsoft Graph)."),
            };
        }
        catch (GraphUnavailableException e)
        {
            return ActionResult.Failed(ActionErrorCode.Unavailable, $"{e.Message} The change was not confirmed by Microsoft Graph; it can be retried.");
        }
    }

    private static ActionResult NotFound(string what, string? id, string parameter) =>
        ActionResult.Failed(ActionErrorCode.NotFound, $"No {what} '{id}' in Microsoft Entra ID.", parameter);

    private static ActionResult Result(IReadOnlyList<AttributeChange> changes) =>
        changes.All(c => !c.Secret && c.Before == c.After) ? ActionResult.NoChange(changes) : ActionResult.Changed(changes);

    /// <summary>The user with the selected properties, or null when there is none (404, or an id that cannot name one).</summary>
    private async Task<GraphObject?> ReadUserAsync(string? userId, string select, CancellationToken cancellationToken) =>
        IsPlausibleId(userId)
            ? await graph.GetAsync<GraphObject>(GraphRequest.Get(UserPath(userId) + new ODataQuery().Add("$select", select)), cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>Sends the PATCH; the changes when Graph took it, Graph's refusal as a result otherwise.</summary>
    private async Task<ActionResult> PatchUserAsync(string userId, JsonObject body, IReadOnlyList<AttributeChange> changes, ChangeWording wording, CancellationToken cancellationToken)
    {
        using var response = await graph.SendAsync(new GraphRequest(HttpMethod.Patch, UserPath(userId), body.ToJsonString()), cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return Result(changes);
        }

        var error = await GraphClient.ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
        return GraphErrors.ToResult(response.StatusCode, error, wording);
    }

    private async Task<ActionResult> ResetPasswordAsync(ResetPassword action, bool apply, CancellationToken cancellationToken)
    {
        var user = await ReadUserAsync(action.UserId, "id", cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return NotFound("user", action.UserId, UserIdParameter);
        }

        // Graph does not tell whether a change is already forced, so "before" is unknown.
        var password = action.NewPassword ?? "";
        AttributeChange[] changes =
        [
            new(user.Id, DirectoryAttributes.Password, null, null, Secret: true),
            new(user.Id, DirectoryAttributes.MustChangePassword, null, Flag(action.MustChangeAtNextLogon)),
        ];
        if (!apply)
        {
            // Entra's rules predicted; banned and breached passwords can only be told by setting it.
            return EntraPasswordPolicy.Check(password) is { } violation
                ? ActionResult.Failed(ActionErrorCode.PolicyViolation, violation, NewPasswordParameter)
                : ActionResult.Changed(changes);
        }

        var body = new JsonObject
        {
            ["passwordProfile"] = new JsonObject
            {
                ["password"] = password,
                ["forceChangePasswordNextSignIn"] = action.MustChangeAtNextLogon,
            },
        };
        var wording = new ChangeWording($"the password of '{user.Id}'", $"the user '{user.Id}'", UserIdParameter, PasswordPermission, NewPasswordParameter);
        return await PatchUserAsync(user.Id, body, changes, wording, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ActionResult> SetEnabledAsync(string userId, bool enabled, bool apply, CancellationToken cancellationToken)
    {
        var user = await ReadUserAsync(userId, "id,accountEnabled", cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return NotFound("user", userId, UserIdParameter);
        }

        var changes = new[] { new AttributeChange(user.Id, DirectoryAttributes.Enabled, Flag(user.AccountEnabled), Flag(enabled)) };
        if (user.AccountEnabled == enabled || !apply)
        {
            return Result(changes);
        }

        var wording = new ChangeWording($"the account '{user.Id}'", $"the user '{user.Id}'", UserIdParameter, AccountPermission);
        return await PatchUserAsync(user.Id, new JsonObject { ["accountEnabled"] = enabled }, changes, wording, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets <c>mail</c> and/or the (single) business phone; an empty value clears it, a null one leaves it as it is.</summary>
    private async Task<ActionResult> UpdateContactDetailsAsync(UpdateContactDetails action, bool apply, CancellationToken cancellationToken)
    {
        var user = await ReadUserAsync(action.UserId, "id,mail,businessPhones", cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return NotFound("user", action.UserId, UserIdParameter);
        }

        var changes = new List<AttributeChange>();
        var body = new JsonObject();
        if (action.Mail is not null)
        {
            var mail = action.Mail.Trim() is { Length: > 0 } trimmed ? trimmed : null;
            if (mail is not null && !IsMailAddress(mail))
            {
                return ActionResult.Failed(ActionErrorCode.PolicyViolation, $"'{mail}' is not a valid e-mail address (name@domain).", "mail");
            }

            changes.Add(new AttributeChange(user.Id, DirectoryAttributes.Mail, user.Mail, mail));
            if (!string.Equals(user.Mail, mail, StringComparison.Ordinal))
            {
                body["mail"] = mail;
            }
        }

        if (action.Phone is not null)
        {
            var phone = action.Phone.Trim() is { Length: > 0 } trimmed ? trimmed : null;
            if (phone is not null && !PhonePattern().IsMatch(phone))
            {
                return ActionResult.Failed(ActionErrorCode.PolicyViolation, $"'{phone}' is not a valid phone number (digits, spaces, + - ( ) only, e.g. +31 20 123 4567).", "phone");
            }

            var before = PhoneOf(user);
            changes.Add(new AttributeChange(user.Id, DirectoryAttributes.Phone, before, phone));
            if (!string.Equals(before, phone, StringComparison.Ordinal))
            {
                body["businessPhones"] = phone is null ? new JsonArray() : new JsonArray(phone);
            }
        }

        if (body.Count == 0 || !apply)
        {
            return Result(changes);
        }

        var wording = new ChangeWording(
            $"the contact details of '{user.Id}'", $"the user '{user.Id}'", UserIdParameter, ContactPermission, action.Mail is not null ? "mail" : "phone");
        return await PatchUserAsync(user.Id, body, changes, wording, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsMailAddress(string value) =>
        !value.Any(char.IsWhiteSpace)
        && MailAddress.TryCreate(value, out var address)
        && address.Address == value
        && address.Host.Contains('.', StringComparison.Ordinal);

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{5,24}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
