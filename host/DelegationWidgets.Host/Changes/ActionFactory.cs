using System.Globalization;
using System.Text.Json;
using DelegationWidgets.Connectors;
using DelegationWidgets.Host.Forms;

namespace DelegationWidgets.Host.Changes;

/// <summary>
/// Turns a form's task and the submitted values into a typed connector action. Values reach the
/// connector as typed parameters only.
/// </summary>
internal static class ActionFactory
{
    private sealed record Spec(string[] Required, string[] Optional, Func<Values, DirectoryAction> Create);

    private static readonly Dictionary<string, Spec> Specs = new(StringComparer.Ordinal)
    {
        ["resetPassword"] = new(["userId", "newPassword"], ["mustChangeAtNextLogon"],
            v => new ResetPassword(v.String("userId"), v.String("newPassword"), v.Bool("mustChangeAtNextLogon", true))),
        ["unlockAccount"] = new(["userId"], [], v => new UnlockAccount(v.String("userId"))),
        ["disableAccount"] = new(["userId"], [], v => new DisableAccount(v.String("userId"))),
        ["enableAccount"] = new(["userId"], [], v => new EnableAccount(v.String("userId"))),
        ["deleteAccount"] = new(["userId"], [], v => new DeleteAccount(v.String("userId"))),
        ["createAccount"] = new(["givenName", "surname", "organizationalUnit", "managerId", "expiresOn", "initialPassword"], ["department"],
            v => new CreateAccount(v.String("givenName"), v.String("surname"), v.String("organizationalUnit"), v.String("managerId"),
                DateOnly.ParseExact(v.String("expiresOn"), "yyyy-MM-dd", CultureInfo.InvariantCulture), v.String("initialPassword"), v.OptionalString("department"))),
        ["addGroupMember"] = new(["userId", "groupId"], [], v => new AddGroupMember(v.String("userId"), v.String("groupId"))),
        ["removeGroupMember"] = new(["userId", "groupId"], [], v => new RemoveGroupMember(v.String("userId"), v.String("groupId"))),
        ["grantMailboxAccess"] = new(["userId", "mailboxId", "permission"], [],
            v => new GrantMailboxAccess(v.String("userId"), v.String("mailboxId"), Enum.Parse<MailboxRight>(v.String("permission")))),
        ["revokeMailboxAccess"] = new(["userId", "mailboxId", "permission"], [],
            v => new RevokeMailboxAccess(v.String("userId"), v.String("mailboxId"), Enum.Parse<MailboxRight>(v.String("permission")))),
        ["updateContactDetails"] = new(["userId"], ["mail", "phone"],
            v => new UpdateContactDetails(v.String("userId"), v.OptionalString("mail"), v.OptionalString("phone"))),
    };

    public static IEnumerable<string> Actions => Specs.Keys;

    public static bool Knows(string? action) => action is not null && Specs.ContainsKey(action);

    /// <summary>Required parameters of the task's action that the task neither maps nor generates.</summary>
    public static IEnumerable<string> MissingParameters(FormTask task) =>
        Specs[task.Action].Required.Where(r => !task.Parameters.ContainsKey(r) && !(task.Generate?.ContainsKey(r) ?? false));

    /// <summary>Builds the action from the task's parameter mapping over the data, plus generated values.</summary>
    public static DirectoryAction Create(FormTask task, JsonElement data, IReadOnlyDictionary<string, string> generated)
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (parameter, pointer) in task.Parameters)
        {
            if (data.TryGetProperty(pointer[1..], out var value) && value.ValueKind != JsonValueKind.Null)
            {
                values[parameter] = value;
            }
        }

        foreach (var (parameter, value) in generated)
        {
            values[parameter] = JsonSerializer.SerializeToElement(value);
        }

        return Specs[task.Action].Create(new Values(values));
    }

    /// <summary>Builds the action from literal values (the catalog's fulfilment and revocation tasks).</summary>
    public static DirectoryAction Create(string action, IReadOnlyDictionary<string, string> values) =>
        Specs[action].Create(new Values(values.ToDictionary(v => v.Key, v => JsonSerializer.SerializeToElement(v.Value), StringComparer.Ordinal)));

    private sealed class Values(Dictionary<string, JsonElement> values)
    {
        public string String(string name) => OptionalString(name)
            ?? throw new InvalidOperationException($"The action parameter '{name}' has no value; the form's schema must require it.");

        public string? OptionalString(string name) =>
            values.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        public bool Bool(string name, bool fallback) =>
            values.TryGetValue(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : fallback;
    }
}
