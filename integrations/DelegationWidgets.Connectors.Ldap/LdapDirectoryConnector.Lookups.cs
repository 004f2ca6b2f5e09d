using System.DirectoryServices.Protocols;
using DelegationWidgets.Connectors.Ldap.Filters;
using DelegationWidgets.Connectors.Ldap.Lookups;

namespace DelegationWidgets.Connectors.Ldap;

// SearchAsync answers from the LookupReplica (default; see there). Without it (Ldap:LookupReplica=false) it searches the DC:
// the scope becomes search bases and filter parts, never a post-filter.
//  - Everything              → the base (Ldap:BaseDn, or the query's WithinOrganizationalUnit)
//  - OrganizationalUnit:X    → a subtree search based at X (intersected with the base; disjoint → nothing)
//  - Department:D            → (department=D)                users
//  - DirectReportsOf:id      → (manager=<DN of id>)          users
//  - MemberOf:id             → (memberOf=<DN of id>)         users
//  - OwnedBy:id              → (managedBy=<DN of id>)        groups, mailboxes
//  - SingleObject:id         → (sAMAccountName=id) or, for OUs, (distinguishedName=id)
// Rules that cannot select the kind (a department rule for groups) or whose id does not resolve add nothing. One search per
// distinct base; each is sorted on the server by the key (server-side sort control) and limited to one page plus one by the
// simple paged results control; the results are merged by key. The cursor is a keyset: (key >= last) and not (key = last).
internal sealed partial class LdapDirectoryConnector
{
    private const string SortControlOid = "1.2.840.113556.1.4.473";

    public async Task<LookupPage> SearchAsync(LookupQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = string.IsNullOrEmpty(query.Cursor) ? (LookupCursor?)null : LookupCursor.Decode(query.Cursor, query.Kind);
        if (query.Scope.IsEmpty)
        {
            return new LookupPage([], null);
        }

        var pageSize = Math.Clamp(query.PageSize, 1, MaximumPageSize);
        var root = _options.BaseDn;
        if (!string.IsNullOrWhiteSpace(query.WithinOrganizationalUnit))
        {
            if (!DistinguishedName.IsWellFormed(query.WithinOrganizationalUnit) || Narrower(query.WithinOrganizationalUnit, root) is not { } within)
            {
                return new LookupPage([], null);
            }

            root = within;
        }

        var search = query.Search?.Trim() is { Length: > 0 } text ? text : null;
        if (Replica is { } replica)
        {
            var snapshot = await replica.CurrentAsync(cancellationToken).ConfigureAwait(false);
            var hasMember = query.Kind == DirectoryObjectKind.Group && !string.IsNullOrEmpty(query.HasMember) ? query.HasMember : null;
            var matches = snapshot.Page(query, root, search, hasMember, after?.LastKey, pageSize + 1);
            return matches.Count > pageSize
                ? new LookupPage(matches[..pageSize], new LookupCursor(query.Kind, matches[pageSize - 1].Id).Encode())
                : new LookupPage(matches, null);
        }

        var searches = await ScopeSearchesAsync(query.Kind, query.Scope, root, cancellationToken).ConfigureAwait(false);
        if (searches.Count == 0)
        {
            return new LookupPage([], null);
        }

        var common = new List<string?> { LdapSchema.KindFilter(query.Kind) };
        if (search is not null)
        {
            common.Add(SearchFilter(query.Kind, search));
        }

        if (query.Kind == DirectoryObjectKind.Group && !string.IsNullOrEmpty(query.HasMember))
        {
            var member = await FindEntryAsync(DirectoryObjectKind.User, query.HasMember, cancellationToken).ConfigureAwait(false);
            if (member is null)
            {
                return new LookupPage([], null);
            }

            common.Add(LdapFilter.Equal(LdapSchema.Member, member.Dn));
        }

        var found = query.Kind == DirectoryObjectKind.OrganizationalUnit
            ? await OrganizationalUnitPageAsync(searches, common, after, pageSize, cancellationToken).ConfigureAwait(false)
            : await SortedPageAsync(searches, common, after, pageSize, cancellationToken).ConfigureAwait(false);

        var hasMore = found.Count > pageSize;
        var page = hasMore ? found.GetRange(0, pageSize) : found;
        var items = await ToObjectsAsync(query.Kind, page, cancellationToken).ConfigureAwait(false);
        var next = hasMore ? new LookupCursor(query.Kind, items[^1].Id).Encode() : null;
        return new LookupPage(items, next);
    }

    private static string SearchFilter(DirectoryObjectKind kind, string search) => kind == DirectoryObjectKind.OrganizationalUnit
        ? LdapFilter.Or(LdapFilter.StartsWith(LdapSchema.OrganizationalUnitName, search), LdapFilter.StartsWith("name", search))
        : LdapFilter.Or(
            LdapFilter.StartsWith(LdapSchema.AccountName, search),
            LdapFilter.StartsWith(LdapSchema.DisplayName, search),
            LdapFilter.StartsWith(LdapSchema.CommonName, search),
            LdapFilter.StartsWith(LdapSchema.GivenName, search),
            LdapFilter.StartsWith(LdapSchema.Surname, search),
            LdapFilter.StartsWith(LdapSchema.UserPrincipalName, search),
            LdapFilter.StartsWith(LdapSchema.Mail, search));

    /// <summary>The deeper of two DNs when one lies within the other, else null (disjoint subtrees).</summary>
    private static string? Narrower(string a, string b) =>
        DistinguishedName.IsWithin(a, b) ? a : DistinguishedName.IsWithin(b, a) ? b : null;

    /// <summary>The (base, filter part) searches whose union is the scope, for one kind of object.</summary>
    private async Task<List<(string Base, string? Part)>> ScopeSearchesAsync(DirectoryObjectKind kind, TargetScope scope, string root, CancellationToken cancellationToken)
    {
        if (scope.Rules.Any(r => r.Kind == ScopeRuleKind.Everything))
        {
            return [(root, null)];
        }

        var bases = new List<string>();
        var parts = new List<string>();
        foreach (var rule in scope.Rules)
        {
            switch (rule.Kind)
            {
                case ScopeRuleKind.OrganizationalUnit when DistinguishedName.IsWellFormed(rule.Value) && Narrower(rule.Value, root) is { } ruleBase:
                    bases.Add(ruleBase);
                    break;
                case ScopeRuleKind.Department when kind == DirectoryObjectKind.User:
                    parts.Add(LdapFilter.Equal(LdapSchema.Department, rule.Value));
                    break;
                case ScopeRuleKind.DirectReportsOf when kind == DirectoryObjectKind.User:
                    if (await FindEntryAsync(DirectoryObjectKind.User, rule.Value, cancellationToken).ConfigureAwait(false) is { } manager)
                    {
                        parts.Add(LdapFilter.Equal(LdapSchema.Manager, manager.Dn));
                    }

                    break;
                case ScopeRuleKind.MemberOf when kind == DirectoryObjectKind.User:
                    if (await FindEntryAsync(DirectoryObjectKind.Group, rule.Value, cancellationToken).ConfigureAwait(false) is { } group)
                    {
                        parts.Add(LdapFilter.Equal(LdapSchema.MemberOf, group.Dn));
                    }

                    break;
                case ScopeRuleKind.OwnedBy when kind is DirectoryObjectKind.Group or DirectoryObjectKind.Mailbox:
                    if (await FindEntryAsync(DirectoryObjectKind.User, rule.Value, cancellationToken).ConfigureAwait(false) is { } owner)
                    {
                        parts.Add(LdapFilter.Equal(LdapSchema.ManagedBy, owner.Dn));
                    }

                    break;
                case ScopeRuleKind.SingleObject when kind != DirectoryObjectKind.OrganizationalUnit || DistinguishedName.IsWellFormed(rule.Value):
                    parts.Add(LdapSchema.IdFilter(kind, rule.Value));
                    break;
                default:
                    break;
            }
        }

        // A base inside another base adds nothing.
        var distinct = bases.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var searches = distinct
            .Where(b => !distinct.Any(other => !other.Equals(b, StringComparison.OrdinalIgnoreCase) && DistinguishedName.IsWithin(b, other)))
            .Select(b => (b, (string?)null))
            .ToList();
        if (parts.Count > 0)
        {
            searches.Add((root, LdapFilter.Or(parts)));
        }

        return searches;
    }

    /// <summary>Users, groups and mailboxes: sorted by <c>sAMAccountName</c> on the server, one page plus one per search, merged.</summary>
    private async Task<List<LdapEntry>> SortedPageAsync(
        List<(string Base, string? Part)> searches, List<string?> common, LookupCursor? after, int pageSize, CancellationToken cancellationToken)
    {
        var keyset = after is { } cursor
            ? LdapFilter.And(LdapFilter.GreaterOrEqual(LdapSchema.AccountName, cursor.LastKey), LdapFilter.Not(LdapFilter.Equal(LdapSchema.AccountName, cursor.LastKey)))
            : null;
        var merged = new Dictionary<string, LdapEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var (searchBase, part) in searches)
        {
            var filter = LdapFilter.And([.. common, part, keyset]);
            var request = new SearchRequest(searchBase, filter, SearchScope.Subtree, LdapSchema.Attributes);
            request.Controls.Add(new SortRequestControl(new SortKey(LdapSchema.AccountName, null, false)) { IsCritical = true });
            request.Controls.Add(new PageResultRequestControl(pageSize + 1));
            SearchResponse response;
            try
            {
                response = await gateway.SendAsync<SearchResponse>(request, cancellationToken).ConfigureAwait(false);
            }
            catch (System.DirectoryServices.Protocols.DirectoryOperationException e) when (e.Response?.ResultCode is ResultCode.NoSuchObject or ResultCode.InvalidDNSyntax)
            {
                continue;
            }

            foreach (var entry in response.Entries.Cast<SearchResultEntry>().Select(LdapEntry.From))
            {
                merged.TryAdd(entry.AccountName, entry);
            }

            await AbandonPagingAsync(request, response, cancellationToken).ConfigureAwait(false);
        }

        return [.. merged.Values.OrderBy(e => e.AccountName, StringComparer.OrdinalIgnoreCase).Take(pageSize + 1)];
    }

    /// <summary>Tells the server to drop the rest of a paged search (RFC 2696: page size 0 with the cookie).</summary>
    private async Task AbandonPagingAsync(SearchRequest request, SearchResponse response, CancellationToken cancellationToken)
    {
        if (response.Controls.OfType<PageResultResponseControl>().FirstOrDefault()?.Cookie is not { Length: > 0 } cookie)
        {
            return;
        }

        var abandon = new SearchRequest(request.DistinguishedName, (string)request.Filter, request.Scope, LdapSchema.AccountName);
        foreach (DirectoryControl control in request.Controls)
        {
            if (control is not PageResultRequestControl)
            {
                abandon.Controls.Add(control);
            }
        }

        abandon.Controls.Add(new PageResultRequestControl(0) { Cookie = cookie });
        try
        {
            await gateway.SendAsync<SearchResponse>(abandon, cancellationToken).ConfigureAwait(false);
        }
        catch (System.DirectoryServices.Protocols.DirectoryOperationException)
        {
            // The server may already have dropped the search; nothing to clean up then.
        }
    }

    /// <summary>OUs: few, so read all that match (paged), sort by DN and cut the page after the cursor.</summary>
    private async Task<List<LdapEntry>> OrganizationalUnitPageAsync(
        List<(string Base, string? Part)> searches, List<string?> common, LookupCursor? after, int pageSize, CancellationToken cancellationToken)
    {
        var merged = new Dictionary<string, LdapEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var (searchBase, part) in searches)
        {
            foreach (var entry in await SearchAllAsync(searchBase, LdapFilter.And([.. common, part]), SearchScope.Subtree, LdapSchema.Attributes, cancellationToken).ConfigureAwait(false))
            {
                merged.TryAdd(entry.Dn, entry);
            }
        }

        return [.. merged.Values
            .Where(e => after is not { } cursor || StringComparer.OrdinalIgnoreCase.Compare(e.Dn, cursor.LastKey) > 0)
            .OrderBy(e => e.Dn, StringComparer.OrdinalIgnoreCase)
            .Take(pageSize + 1)];
    }
}
