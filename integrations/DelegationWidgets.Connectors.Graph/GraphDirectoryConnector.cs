using System.Diagnostics.CodeAnalysis;
using DelegationWidgets.Connectors.Graph.Http;
using DelegationWidgets.Connectors.Graph.Lookups;
using DelegationWidgets.Connectors.Graph.Passwords;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Connectors.Graph;

/// <summary>
/// Microsoft Entra ID as an <see cref="IDirectoryConnector"/>, through Microsoft Graph with the app registration's
/// application permissions. Ids are Entra object ids (<see cref="FindAsync"/> also takes a user principal name for users).
/// Entra ID has no organisational units: every object's <see cref="DirectoryObject.OrganizationalUnit"/> is empty, so OU
/// scope rules select nothing (see the <c>Lookups</c> partial for how scopes map to Graph). Users are <c>/users</c>,
/// groups <c>/groups</c>, mailboxes are users that have a mail address.
/// </summary>
internal sealed partial class GraphDirectoryConnector(GraphClient graph, IOptions<GraphConnectorOptions> options) : IDirectoryConnector
{
    /// <summary>What every object has as its OU: Entra ID has none.</summary>
    public const string NoOrganizationalUnit = "";

    private const string UserFields = "id,displayName,userPrincipalName,mail,businessPhones,department,accountEnabled,givenName,surname";
    private const string GroupFields = "id,displayName,mail,mailNickname";
    private const string GroupType = "#microsoft.graph.group";

    /// <summary>At most this many pages of a user's group memberships are read (999 per page).</summary>
    private const int MaximumMembershipPages = 20;

    private readonly LookupCursors _cursors = LookupCursors.For(options.Value.ClientSecret);

    public string Name { get; } = options.Value.Name;

    /// <summary>A password that meets Entra ID's rules: 16 characters from all four categories.</summary>
    public string GeneratePassword() => EntraPasswordPolicy.Generate();

    /// <summary>
    /// The object, read without eventual consistency (this is how the host re-checks scope before a change runs). A user comes
    /// with its manager and its direct group memberships, so every scope rule can be checked on it: two requests.
    /// </summary>
    public async Task<DirectoryObject?> FindAsync(DirectoryObjectKind kind, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!IsPlausibleId(id))
        {
            return null;
        }

        switch (kind)
        {
            case DirectoryObjectKind.User:
                var query = new ODataQuery().Add("$select", UserFields).Add("$expand", "manager($select=id)");
                var user = await graph.GetAsync<GraphObject>(GraphRequest.Get(UserPath(id) + query), cancellationToken).ConfigureAwait(false);
                return user is null ? null : ToObject(kind, user, await GroupIdsOfAsync(user.Id, cancellationToken).ConfigureAwait(false));
            case DirectoryObjectKind.Mailbox:
                var mailbox = await graph.GetAsync<GraphObject>(GraphRequest.Get(UserPath(id) + new ODataQuery().Add("$select", UserFields)), cancellationToken).ConfigureAwait(false);
                return mailbox is { Mail.Length: > 0 } ? ToObject(kind, mailbox, []) : null;
            case DirectoryObjectKind.Group:
                var group = await graph.GetAsync<GraphObject>(GraphRequest.Get(GroupPath(id) + new ODataQuery().Add("$select", GroupFields)), cancellationToken).ConfigureAwait(false);
                return group is null ? null : ToObject(kind, group, []);
            default:
                return null;
        }
    }

    /// <summary>
    /// The ids of the groups the user is a direct member of. <c>memberOf</c> also lists directory roles and administrative
    /// units; only groups are kept. Read without eventual consistency, so a membership removed a moment ago no longer counts.
    /// </summary>
    private async Task<List<string>> GroupIdsOfAsync(string userId, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        string? next = UserPath(userId) + "/memberOf" + new ODataQuery().Add("$select", "id").Add("$top", 999);
        for (var pages = 0; next is not null && pages < MaximumMembershipPages; pages++)
        {
            var page = await graph.GetAsync<GraphPage>(GraphRequest.Get(next), cancellationToken).ConfigureAwait(false);
            ids.AddRange((page?.Value ?? []).Where(o => o.ODataType == GroupType).Select(o => o.Id));
            next = graph.RelativeLink(page?.NextLink);
        }

        ids.Sort(StringComparer.OrdinalIgnoreCase);
        return ids;
    }

    /// <summary>The object Graph returned as the abstractions see it; <paramref name="memberOf"/> is the user's groups when read.</summary>
    internal static DirectoryObject ToObject(DirectoryObjectKind kind, GraphObject found, IReadOnlyList<string> memberOf)
    {
        var label = found.DisplayName ?? found.UserPrincipalName ?? found.Id;
        var attributes = new Dictionary<string, string?>(StringComparer.Ordinal) { [DirectoryAttributes.Mail] = found.Mail };
        switch (kind)
        {
            case DirectoryObjectKind.Group:
                attributes["mailNickname"] = found.MailNickname;
                return new DirectoryObject(found.Id, kind, label, NoOrganizationalUnit, null, null, null, [], attributes);
            case DirectoryObjectKind.Mailbox:
                // A mailbox is selected by Everything and SingleObject rules only: it carries no department, manager or groups.
                attributes["userPrincipalName"] = found.UserPrincipalName;
                return new DirectoryObject(found.Id, kind, label, NoOrganizationalUnit, null, null, null, [], attributes);
            default:
                attributes[DirectoryAttributes.Phone] = PhoneOf(found);
                attributes[DirectoryAttributes.Enabled] = Flag(found.AccountEnabled);
                attributes[DirectoryAttributes.GivenName] = found.GivenName;
                attributes[DirectoryAttributes.Surname] = found.Surname;
                attributes["userPrincipalName"] = found.UserPrincipalName;
                return new DirectoryObject(
                    found.Id, DirectoryObjectKind.User, label, NoOrganizationalUnit, found.Department, found.Manager?.Id, null, memberOf, attributes);
        }
    }

    /// <summary>Whether an id can name an object: not empty, and not a dot segment that would climb out of the collection's path.</summary>
    internal static bool IsPlausibleId([NotNullWhen(true)] string? id) => !string.IsNullOrWhiteSpace(id) && id is not ("." or "..");

    private static string UserPath(string id) => "users/" + ODataQuery.Segment(id);

    private static string GroupPath(string id) => "groups/" + ODataQuery.Segment(id);

    private static string? PhoneOf(GraphObject user) => user.BusinessPhones is [var first, ..] ? first : null;

    private static string? Flag(bool? value) => value switch
    {
        true => "true",
        false => "false",
        null => null,
    };
}
