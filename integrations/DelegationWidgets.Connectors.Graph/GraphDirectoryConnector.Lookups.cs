using System.Text.Json;
using DelegationWidgets.Connectors.Graph.Http;
using DelegationWidgets.Connectors.Graph.Lookups;

namespace DelegationWidgets.Connectors.Graph;

// SearchAsync: Graph has no OUs, so TargetScope (LDAP-shaped) maps onto Graph like this; the scope is always part of the
// query Graph runs, never a filter applied afterwards:
//  - Everything              → the whole collection (/users, /groups)
//  - Department:D            → users: $filter department eq 'D'
//  - SingleObject:id         → $filter id eq 'id'
//  - MemberOf:groupId        → users: /groups/{groupId}/members/microsoft.graph.user (direct members)
//  - DirectReportsOf:userId  → users: /users/{userId}/directReports/microsoft.graph.user
//  - OrganizationalUnit:X    → nothing (Entra ID has no OUs; administrative units would need a list of "units" on DirectoryObject)
//  - OwnedBy:userId          → nothing (an Entra group has several owners, DirectoryObject carries one OwnerId)
// Mailboxes are users with mail (mail ne null), selected by Everything and SingleObject only. The rules a $filter can express
// become one source (or-ed); each relationship rule is a source of its own. A page is one Graph page of one source; the cursor
// says which source and carries Graph's nextLink, signed (LookupCursors). A user listed by the filter source is not listed
// again by a relationship source; one listed by two relationship sources can appear twice (Graph cannot tell in one query).
// Every lookup is an advanced query (ConsistencyLevel: eventual, $count=true): it lets $filter, $orderby and casts combine;
// a user created a moment ago may show a little later. Results come sorted by displayName where Graph can sort (the
// collections), in Graph's stable order otherwise (relationships). Items carry no ManagerId, and MemberOf only when asked.
internal sealed partial class GraphDirectoryConnector
{
    public const int MaximumPageSize = 200;

    /// <summary>A page whose Graph page was all duplicates reads on, at most this many Graph pages per lookup page.</summary>
    private const int MaximumRequestsPerPage = 5;

    private static readonly string[] UserSearchFields = ["displayName", "givenName", "surname", "userPrincipalName", "mail"];
    private static readonly string[] GroupSearchFields = ["displayName", "mailNickname", "mail"];

    public async Task<LookupPage> SearchAsync(LookupQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var lookup = Describe(query);
        var position = string.IsNullOrEmpty(query.Cursor) ? default : _cursors.Decode(query.Cursor, lookup);
        var sources = SourcesOf(query);
        if (sources.Count == 0)
        {
            return new LookupPage([], null);
        }

        if (position.Source >= sources.Count)
        {
            throw new ArgumentException("The lookup cursor is not valid for this lookup; start again without a cursor.", nameof(query));
        }

        var pageSize = Math.Clamp(query.PageSize, 1, MaximumPageSize);
        var search = query.Search?.Trim() is { Length: > 0 } text ? SearchFilter(query.Kind, text) : null;
        var (source, next) = position;
        for (var requests = 0; requests < MaximumRequestsPerPage; requests++)
        {
            var pathAndQuery = next ?? sources[source].FirstPage(query.Kind, search, pageSize);
            var page = await graph.GetAsync<GraphPage>(GraphRequest.GetEventual(pathAndQuery), cancellationToken).ConfigureAwait(false);
            var items = new List<DirectoryObject>();
            foreach (var found in page?.Value ?? [])
            {
                var item = ToObject(query.Kind, found, []);
                if (!sources.Take(source).Any(earlier => earlier.Lists(item)))
                {
                    items.Add(item);
                }
            }

            // A 404 (a group or manager in a rule that no longer exists) is an empty source.
            next = graph.RelativeLink(page?.NextLink);
            if (next is null)
            {
                source++;
            }

            var more = source < sources.Count;
            if (items.Count > 0 || !more)
            {
                if (query.IncludeMemberOf && query.Kind == DirectoryObjectKind.User)
                {
                    items = await WithGroupsAsync(items, cancellationToken).ConfigureAwait(false);
                }

                return new LookupPage(items, more ? _cursors.Encode(new LookupPosition(source, next), lookup) : null);
            }
        }

        return new LookupPage([], _cursors.Encode(new LookupPosition(source, next), lookup));
    }

    /// <summary>The Graph queries whose union is the query's scope, for its kind of object.</summary>
    private static List<LookupSource> SourcesOf(LookupQuery query)
    {
        // Entra ID has no OUs: a lookup narrowed to one lists nothing, as TargetScope.IsWithinOrganizationalUnit("", ou) agrees.
        if (query.Scope.IsEmpty || !string.IsNullOrWhiteSpace(query.WithinOrganizationalUnit))
        {
            return [];
        }

        var rules = query.Scope.Rules.Where(r => r.Kind == ScopeRuleKind.Everything || IsPlausibleId(r.Value)).ToList();
        var everything = rules.Exists(r => r.Kind == ScopeRuleKind.Everything);
        var ids = rules.Where(r => r.Kind == ScopeRuleKind.SingleObject).ToList();
        switch (query.Kind)
        {
            case DirectoryObjectKind.User:
                if (everything)
                {
                    return [new LookupSource("users", null, Ordered: true)];
                }

                var listed = rules.Where(r => r.Kind is ScopeRuleKind.Department or ScopeRuleKind.SingleObject).ToList();
                var sources = new List<LookupSource>();
                if (listed.Count > 0)
                {
                    var filter = string.Join(" or ", listed.Select(r => r.Kind == ScopeRuleKind.Department
                        ? "department eq " + ODataQuery.Literal(r.Value)
                        : "id eq " + ODataQuery.Literal(r.Value)));
                    sources.Add(new LookupSource("users", filter, Ordered: true, new TargetScope(listed)));
                }

                sources.AddRange(rules.Where(r => r.Kind == ScopeRuleKind.DirectReportsOf)
                    .Select(r => new LookupSource(UserPath(r.Value) + "/directReports/microsoft.graph.user", null, Ordered: false)));
                sources.AddRange(rules.Where(r => r.Kind == ScopeRuleKind.MemberOf)
                    .Select(r => new LookupSource(GroupPath(r.Value) + "/members/microsoft.graph.user", null, Ordered: false)));
                return sources;

            case DirectoryObjectKind.Group:
                // Cascading lookups (the groups of the chosen user) read that user's memberships instead of every group.
                var member = IsPlausibleId(query.HasMember) ? query.HasMember : null;
                var groups = member is null ? "groups" : UserPath(member) + "/memberOf/microsoft.graph.group";
                return everything ? [new LookupSource(groups, null, Ordered: member is null)]
                    : ids.Count > 0 ? [new LookupSource(groups, IdFilter(ids), Ordered: member is null)]
                    : [];

            case DirectoryObjectKind.Mailbox:
                return everything ? [new LookupSource("users", "mail ne null", Ordered: true)]
                    : ids.Count > 0 ? [new LookupSource("users", And(IdFilter(ids), "mail ne null"), Ordered: true)]
                    : [];

            default:
                return [];
        }
    }

    /// <summary>The lookup a cursor belongs to: everything that decides which objects Graph is asked for.</summary>
    private static string Describe(LookupQuery query) => JsonSerializer.Serialize<string[]>(
    [
        query.Kind.ToString(),
        query.Search?.Trim() ?? "",
        query.HasMember ?? "",
        query.WithinOrganizationalUnit ?? "",
        .. query.Scope.Rules.Select(r => $"{r.Kind}:{r.Value}"),
    ]);

    /// <summary>A case-insensitive prefix match on the names a helpdesk agent types: display name, given name, surname, sign-in name, mail.</summary>
    private static string SearchFilter(DirectoryObjectKind kind, string search)
    {
        var literal = ODataQuery.Literal(search);
        var fields = kind == DirectoryObjectKind.Group ? GroupSearchFields : UserSearchFields;
        return string.Join(" or ", fields.Select(field => $"startswith({field},{literal})"));
    }

    private static string IdFilter(List<ScopeRule> ids) => string.Join(" or ", ids.Select(r => "id eq " + ODataQuery.Literal(r.Value)));

    /// <summary>The parts joined with <c>and</c>, each in parentheses when there is more than one; null when there is none.</summary>
    private static string? And(params string?[] parts)
    {
        var present = parts.OfType<string>().ToList();
        return present.Count switch
        {
            0 => null,
            1 => present[0],
            _ => string.Join(" and ", present.Select(part => "(" + part + ")")),
        };
    }

    /// <summary>The users with their direct groups (one more request per user: the host's lookups do not ask for them).</summary>
    private async Task<List<DirectoryObject>> WithGroupsAsync(List<DirectoryObject> users, CancellationToken cancellationToken)
    {
        var completed = new List<DirectoryObject>(users.Count);
        foreach (var user in users)
        {
            completed.Add(user with { MemberOf = await GroupIdsOfAsync(user.Id, cancellationToken).ConfigureAwait(false) });
        }

        return completed;
    }

    /// <summary>
    /// One Graph query of a lookup: a collection or relationship path, the scope's part of the filter, whether Graph can sort
    /// it, and, for the filter source, the rules it lists (so later sources leave those objects out).
    /// </summary>
    private sealed record LookupSource(string Path, string? Filter, bool Ordered, TargetScope? Listed = null)
    {
        public bool Lists(DirectoryObject item) => Listed?.Contains(item) == true;

        public string FirstPage(DirectoryObjectKind kind, string? search, int pageSize) => Path + new ODataQuery()
            .Add("$filter", And(Filter, search))
            .Add("$select", kind == DirectoryObjectKind.Group ? GroupFields : UserFields)
            .Add("$top", pageSize)
            .Add("$orderby", Ordered ? "displayName" : null)
            .Add("$count", "true");
    }
}
