using System.Net;
using System.Text.Json.Nodes;
using DelegationWidgets.Connectors.Graph.Http;

namespace DelegationWidgets.Connectors.Graph;

// Group memberships: POST /groups/{id}/members/$ref and DELETE /groups/{id}/members/{user}/$ref. Apply sends the change at
// once and reads Graph's answer: "already exist" (400) on an add and 404 on a remove mean the effect was already there
// (NoChange), which also makes both safe to retry. Preview asks whether the user is a direct member.
internal sealed partial class GraphDirectoryConnector
{
    private const string GroupIdParameter = "groupId";

    private const string MembersPermission =
        "GroupMember.ReadWrite.All (role-assignable groups also need RoleManagement.ReadWrite.Directory; mail-enabled security groups and distribution lists are managed in Exchange Online)";

    private async Task<ActionResult> ChangeMembershipAsync(string userId, string groupId, bool add, bool apply, CancellationToken cancellationToken)
    {
        var user = await ReadUserAsync(userId, "id", cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return NotFound("user", userId, UserIdParameter);
        }

        var group = IsPlausibleId(groupId)
            ? await graph.GetAsync<GraphObject>(GraphRequest.Get(GroupPath(groupId) + new ODataQuery().Add("$select", "id,displayName")), cancellationToken).ConfigureAwait(false)
            : null;
        if (group is null)
        {
            return NotFound("group", groupId, GroupIdParameter);
        }

        var (target, member) = (group.Id, user.Id);
        AttributeChange Membership(bool before, bool after) =>
            new(target, DirectoryAttributes.Members, before ? member : null, after ? member : null);

        if (!apply)
        {
            var isMember = await IsMemberAsync(member, target, cancellationToken).ConfigureAwait(false);
            return isMember == add ? ActionResult.NoChange([Membership(isMember, isMember)]) : ActionResult.Changed([Membership(isMember, add)]);
        }

        using var response = add
            ? await graph.SendAsync(new GraphRequest(HttpMethod.Post, GroupPath(group.Id) + "/members/$ref", MemberReference(user.Id)), cancellationToken).ConfigureAwait(false)
            : await graph.SendAsync(new GraphRequest(HttpMethod.Delete, GroupPath(group.Id) + "/members/" + ODataQuery.Segment(user.Id) + "/$ref"), cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return ActionResult.Changed([Membership(!add, add)]);
        }

        var error = await GraphClient.ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
        if (add && GraphErrors.IsAlreadyMember(response.StatusCode, error))
        {
            return ActionResult.NoChange([Membership(true, true)]);
        }

        if (!add && response.StatusCode == HttpStatusCode.NotFound)
        {
            return ActionResult.NoChange([Membership(false, false)]);
        }

        var name = group.DisplayName ?? group.Id;
        var wording = new ChangeWording(
            $"the members of '{name}'", $"the group '{name}' or the user '{user.Id}'", GroupIdParameter, MembersPermission, BadRequestCode: ActionErrorCode.NotAllowed);
        return GraphErrors.ToResult(response.StatusCode, error, wording);
    }

    /// <summary>The body of an add: a reference to the user as a directory object, <c>{"@odata.id": "{BaseUrl}directoryObjects/{id}"}</c>.</summary>
    private string MemberReference(string userId) =>
        new JsonObject { ["@odata.id"] = graph.BaseUrl.AbsoluteUri + "directoryObjects/" + ODataQuery.Segment(userId) }.ToJsonString();

    /// <summary>Whether the user is a direct member of the group, asked of the user's memberships (a handful) rather than the group's members (possibly many).</summary>
    private async Task<bool> IsMemberAsync(string userId, string groupId, CancellationToken cancellationToken)
    {
        var query = new ODataQuery().Add("$filter", "id eq " + ODataQuery.Literal(groupId)).Add("$select", "id").Add("$count", "true");
        var page = await graph.GetAsync<GraphPage>(GraphRequest.GetEventual(UserPath(userId) + "/memberOf" + query), cancellationToken).ConfigureAwait(false);
        return page?.Value is { Count: > 0 };
    }
}
