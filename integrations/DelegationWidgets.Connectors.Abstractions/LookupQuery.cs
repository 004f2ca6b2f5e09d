namespace DelegationWidgets.Connectors;

/// <summary>
/// A search of one kind of object, limited to a scope, paged with an opaque cursor.
/// </summary>
/// <param name="Kind">What to list.</param>
/// <param name="Search">Free text matched as a case-insensitive prefix of the id, display name, account name or mail; null or empty lists all.</param>
/// <param name="Scope">Only objects this scope contains are returned. An empty scope returns nothing.</param>
/// <param name="Cursor">The <see cref="LookupPage.NextCursor"/> of the previous page, or null for the first.</param>
/// <param name="PageSize">At most this many items (1 to 200).</param>
/// <param name="HasMember">Groups only: only groups that have this user as a direct member (cascading lookups).</param>
/// <param name="IncludeMemberOf">Whether results must carry <see cref="DirectoryObject.MemberOf"/>; when false a connector may leave it empty (a picker does not need it, and reading it costs a query per page).</param>
/// <param name="WithinOrganizationalUnit">Only objects in this OU or below it (a form-level narrowing on top of the scope, e.g. external accounts only).</param>
public sealed record LookupQuery(
    DirectoryObjectKind Kind,
    string? Search,
    TargetScope Scope,
    string? Cursor = null,
    int PageSize = 25,
    string? HasMember = null,
    string? WithinOrganizationalUnit = null,
    bool IncludeMemberOf = true);

/// <summary>One page of lookup results.</summary>
public sealed record LookupPage(IReadOnlyList<DirectoryObject> Items, string? NextCursor);
