using System.DirectoryServices.Protocols;
using DelegationWidgets.Connectors.Ldap.Filters;

namespace DelegationWidgets.Connectors.Ldap.Lookups;

/// <summary>
/// The connector's in-memory copy of the users, groups, mailboxes and OUs under <c>Ldap:BaseDn</c>, which lookups search
/// instead of the DC. Active Directory (and Samba) cannot answer a prefix search from an index, so each search is a scan of
/// the whole domain on the DC; the replica turns a lookup into a scan of a sorted array in this process.
/// <para>
/// Freshness: before a lookup is answered, the replica reads the DC's <c>highestCommittedUSN</c> (one read of the root
/// DSE). When it moved, the objects changed since the last catch-up are read with <c>(uSNChanged&gt;=n)</c> — indexed on
/// Windows AD; on Samba a scan of the domain, so on Samba a lookup that follows a write costs one such scan (shared by
/// the lookups waiting for it). <see cref="LdapConnectorOptions.LookupRefreshInterval"/> (default 0) lets lookups skip the
/// check for that long; with 0 a lookup never misses a change the DC had committed when the lookup arrived. Deleted
/// objects arrive through the same search (Show Deleted control) when the service account may read
/// <c>CN=Deleted Objects</c>; otherwise they leave the replica at the full reload every
/// <see cref="LdapConnectorOptions.LookupReloadInterval"/> (objects this connector deletes leave at once). Group membership is
/// kept per group: a changed group has its direct members read again (<c>(memberOf=&lt;group&gt;)</c>), since adding a
/// member changes the group, not the user.
/// </para>
/// <para>
/// Scope is evaluated with <see cref="TargetScope.Contains"/>, the rule the host re-checks every submitted object with; the
/// single-object reads of actions and of that re-check (<c>FindAsync</c>) always go to the DC. Values that change without a
/// write (a lockout that ends by itself) show as last written.
/// </para>
/// </summary>
internal sealed class LookupReplica(LdapDirectoryConnector connector, LdapConnectorOptions options, TimeProvider timeProvider) : IDisposable
{
    private const string SequenceAttribute = "uSNChanged";
    private const string DeletedAttribute = "isDeleted";
    private const int UserAccountType = 805306368;

    private static readonly string[] Attributes =
        [.. LdapSchema.Attributes, "objectClass", "sAMAccountType", SequenceAttribute, DeletedAttribute];

    private static readonly string ObjectsFilter = LdapFilter.Or("(objectClass=user)", "(objectClass=group)", "(objectClass=organizationalUnit)");

    private readonly SemaphoreSlim _gate = new(1, 1);

    // Written only under _gate; the snapshot is rebuilt from them and published whole.
    private readonly Dictionary<Guid, LdapEntry> _entries = [];
    private readonly Dictionary<Guid, HashSet<Guid>> _members = [];
    private readonly HashSet<Guid> _forgotten = [];
    private long _nextSequence;
    private string? _serverIdentity;
    private DateTimeOffset _loadedAt;
    private long _syncsStarted;
    private long _invalidations;

    private volatile Snapshot? _snapshot;

    /// <summary>
    /// The replica as of a catch-up that started after this call (or within the refresh interval). Loads everything on first
    /// use. Throws <see cref="Connection.LdapUnavailableException"/> when the DC cannot be reached.
    /// </summary>
    public async Task<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var arrival = Interlocked.Read(ref _syncsStarted);
        if (_snapshot is { } fresh && !IsStale(fresh) && timeProvider.GetUtcNow() - fresh.SyncedAt < options.LookupRefreshInterval)
        {
            return fresh;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_snapshot is { } shared && !IsStale(shared) && shared.SyncNumber > arrival)
            {
                return shared;
            }

            var number = Interlocked.Increment(ref _syncsStarted);
            var invalidations = Interlocked.Read(ref _invalidations);
            var now = timeProvider.GetUtcNow();
            var (sequence, server) = await ServerStateAsync(cancellationToken).ConfigureAwait(false);
            var changed = _snapshot is null || server != _serverIdentity || now - _loadedAt >= options.LookupReloadInterval
                ? await LoadAllAsync(server, now, cancellationToken).ConfigureAwait(false)
                : (sequence >= _nextSequence || _forgotten.Count > 0) && await ApplyChangesAsync(cancellationToken).ConfigureAwait(false);
            _nextSequence = sequence + 1;
            var snapshot = changed || _snapshot is null
                ? Build(number, now, invalidations)
                : _snapshot with { SyncNumber = number, SyncedAt = now, Invalidations = invalidations };
            _snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Makes the next lookup catch up with the DC (after this connector changed something).</summary>
    public void Invalidate() => Interlocked.Increment(ref _invalidations);

    /// <summary>Whether this connector changed something after the snapshot's catch-up started.</summary>
    private bool IsStale(Snapshot snapshot) => snapshot.Invalidations < Interlocked.Read(ref _invalidations);

    /// <summary>Drops an object this connector deleted (the service account may not see its tombstone).</summary>
    public async Task ForgetAsync(Guid guid, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _forgotten.Add(guid);
            Invalidate();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The DC's highest committed change number and which DC answered (a different DC has other numbers).</summary>
    private async Task<(long Sequence, string Server)> ServerStateAsync(CancellationToken cancellationToken)
    {
        var root = await connector.SearchEntriesAsync("", "(objectClass=*)", SearchScope.Base, ["highestCommittedUSN", "dsServiceName"], 1, cancellationToken)
            .ConfigureAwait(false);
        var entry = root.Count > 0 ? root[0] : null;
        return (entry?.GetLong("highestCommittedUSN") ?? 0, entry?.Get("dsServiceName") ?? "");
    }

    private async Task<bool> LoadAllAsync(string server, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var all = await connector.SearchAllAsync(options.BaseDn, ObjectsFilter, SearchScope.Subtree, Attributes, cancellationToken).ConfigureAwait(false);
        _entries.Clear();
        _members.Clear();
        _forgotten.Clear();
        foreach (var entry in all)
        {
            if (entry.ObjectGuid is { } guid)
            {
                _entries[guid] = entry;
            }
        }

        var groups = GuidsByDn(_entries.Where(e => IsGroup(e.Value)));
        foreach (var (guid, entry) in _entries)
        {
            AddMemberships(guid, entry, groups); // the member sets were just cleared
        }

        _serverIdentity = server;
        _loadedAt = now;
        return true;
    }

    /// <summary>Reads the objects changed (or deleted) since the last catch-up; true when there were any.</summary>
    private async Task<bool> ApplyChangesAsync(CancellationToken cancellationToken)
    {
        var filter = LdapFilter.And(LdapFilter.GreaterOrEqual(SequenceAttribute, _nextSequence.ToString(System.Globalization.CultureInfo.InvariantCulture)), ObjectsFilter);
        var changes = await connector.SearchAllAsync(options.BaseDn, filter, SearchScope.Subtree, Attributes, cancellationToken, new ShowDeletedControl { IsCritical = false })
            .ConfigureAwait(false);
        var changed = _forgotten.Count > 0;
        foreach (var guid in _forgotten)
        {
            Remove(guid);
        }

        _forgotten.Clear();
        var changedGroups = new List<LdapEntry>();
        foreach (var entry in changes)
        {
            if (entry.ObjectGuid is not { } guid)
            {
                continue;
            }

            changed = true;
            if (string.Equals(entry.Get(DeletedAttribute), "TRUE", StringComparison.OrdinalIgnoreCase) || !DistinguishedName.IsWithin(entry.Dn, options.BaseDn))
            {
                Remove(guid);
                continue;
            }

            _entries[guid] = entry;
            if (IsGroup(entry))
            {
                changedGroups.Add(entry);
            }
        }

        if (!changed)
        {
            return false;
        }

        var groups = GuidsByDn(_entries.Where(e => IsGroup(e.Value)));
        foreach (var entry in changes)
        {
            if (entry.ObjectGuid is { } guid && _entries.ContainsKey(guid) && !IsGroup(entry))
            {
                SetMemberships(guid, entry, groups);
            }
        }

        foreach (var group in changedGroups)
        {
            var members = await connector.SearchAllAsync(
                options.BaseDn, LdapFilter.Equal(LdapSchema.MemberOf, group.Dn), SearchScope.Subtree, [LdapSchema.ObjectGuid], cancellationToken).ConfigureAwait(false);
            _members[group.ObjectGuid!.Value] = [.. members.Select(m => m.ObjectGuid).OfType<Guid>()];
        }

        return true;
    }

    private void Remove(Guid guid)
    {
        _entries.Remove(guid);
        _members.Remove(guid);
        foreach (var members in _members.Values)
        {
            members.Remove(guid);
        }
    }

    /// <summary>A member's groups as its own <c>memberOf</c> says at the moment it was read.</summary>
    private void SetMemberships(Guid member, LdapEntry entry, Dictionary<string, Guid> groups)
    {
        foreach (var members in _members.Values)
        {
            members.Remove(member);
        }

        AddMemberships(member, entry, groups);
    }

    private void AddMemberships(Guid member, LdapEntry entry, Dictionary<string, Guid> groups)
    {
        foreach (var groupDn in entry.GetAll(LdapSchema.MemberOf))
        {
            if (groups.TryGetValue(groupDn, out var group))
            {
                if (!_members.TryGetValue(group, out var members))
                {
                    _members[group] = members = [];
                }

                members.Add(member);
            }
        }
    }

    private static Dictionary<string, Guid> GuidsByDn(IEnumerable<KeyValuePair<Guid, LdapEntry>> entries)
    {
        var byDn = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        foreach (var (guid, entry) in entries)
        {
            byDn[entry.Dn] = guid;
        }

        return byDn;
    }

    private static bool IsGroup(LdapEntry entry) => entry.GetAll("objectClass").Contains("group", StringComparer.OrdinalIgnoreCase);

    /// <summary>The kind a lookup lists the entry as (the same tests as <see cref="LdapSchema.KindFilter"/>), or null.</summary>
    private static DirectoryObjectKind? KindOf(LdapEntry entry)
    {
        if (entry.GetLong("sAMAccountType") == UserAccountType)
        {
            return DirectoryObjectKind.User;
        }

        var classes = entry.GetAll("objectClass");
        if (classes.Contains("organizationalUnit", StringComparer.OrdinalIgnoreCase))
        {
            return DirectoryObjectKind.OrganizationalUnit;
        }

        if (!IsGroup(entry))
        {
            return null;
        }

        var security = ((entry.GetLong(LdapSchema.GroupType) ?? 0) & LdapSchema.SecurityEnabled) != 0;
        if (security)
        {
            return LdapSchema.MailboxRightSuffixes.Any(s => entry.AccountName.EndsWith(s, StringComparison.OrdinalIgnoreCase)) ? null : DirectoryObjectKind.Group;
        }

        return entry.Get(LdapSchema.Mail) is { Length: > 0 } ? DirectoryObjectKind.Mailbox : null;
    }

    private Snapshot Build(long number, DateTimeOffset now, long invalidations)
    {
        var ids = _entries.Values.Where(e => e.Get(LdapSchema.AccountName) is not null).ToDictionary(e => e.Dn, e => e.AccountName, StringComparer.OrdinalIgnoreCase);
        var groupsOf = new Dictionary<Guid, List<string>>();
        foreach (var (group, members) in _members)
        {
            if (!_entries.TryGetValue(group, out var groupEntry))
            {
                continue;
            }

            foreach (var member in members)
            {
                if (!groupsOf.TryGetValue(member, out var list))
                {
                    groupsOf[member] = list = [];
                }

                list.Add(groupEntry.AccountName);
            }
        }

        var items = new Dictionary<DirectoryObjectKind, List<Item>>();
        foreach (var (guid, entry) in _entries)
        {
            if (KindOf(entry) is not { } kind)
            {
                continue;
            }

            var memberOf = groupsOf.TryGetValue(guid, out var groups) ? groups.Order(StringComparer.OrdinalIgnoreCase).ToArray() : [];
            var item = LdapDirectoryConnector.ToObject(kind, entry, ids, memberOf);
            if (!items.TryGetValue(kind, out var list))
            {
                items[kind] = list = [];
            }

            list.Add(new Item(item, entry.Dn, Key(kind, entry), SearchTexts(kind, entry)));
        }

        var sorted = items.ToDictionary(p => p.Key, p => p.Value.OrderBy(i => i.Key, StringComparer.OrdinalIgnoreCase).ToArray());
        return new Snapshot(sorted, number, now, invalidations);
    }

    private static string Key(DirectoryObjectKind kind, LdapEntry entry) => kind == DirectoryObjectKind.OrganizationalUnit ? entry.Dn : entry.AccountName;

    /// <summary>The values a search text is matched against as a prefix, as the live search's filter does.</summary>
    private static string[] SearchTexts(DirectoryObjectKind kind, LdapEntry entry)
    {
        string?[] values = kind == DirectoryObjectKind.OrganizationalUnit
            ? [entry.Get(LdapSchema.OrganizationalUnitName), DistinguishedName.FirstValue(entry.Dn)]
            :
            [
                entry.Get(LdapSchema.AccountName), entry.Get(LdapSchema.DisplayName), entry.Get(LdapSchema.CommonName), entry.Get(LdapSchema.GivenName),
                entry.Get(LdapSchema.Surname), entry.Get(LdapSchema.UserPrincipalName), entry.Get(LdapSchema.Mail),
            ];
        return [.. values.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>One listed object with its DN, sort key and search texts.</summary>
    internal sealed record Item(DirectoryObject Object, string Dn, string Key, string[] SearchTexts);

    /// <summary>An immutable state of the replica: per kind, the objects sorted by key.</summary>
    internal sealed record Snapshot(IReadOnlyDictionary<DirectoryObjectKind, Item[]> Items, long SyncNumber, DateTimeOffset SyncedAt, long Invalidations)
    {
        /// <summary>
        /// One page of the query's objects after the cursor's key: in <paramref name="root"/>'s subtree, contained in the
        /// scope, matching the search text as a prefix, and for groups with <paramref name="hasMember"/> as a member.
        /// </summary>
        public List<DirectoryObject> Page(LookupQuery query, string root, string? search, string? hasMember, string? afterKey, int count)
        {
            var page = new List<DirectoryObject>(count);
            if (!Items.TryGetValue(query.Kind, out var items))
            {
                return page;
            }

            var start = afterKey is null ? 0 : FirstAfter(items, afterKey);
            for (var i = start; i < items.Length && page.Count < count; i++)
            {
                var item = items[i];
                if (DistinguishedName.IsWithin(item.Dn, root)
                    && (search is null || Array.Exists(item.SearchTexts, t => t.StartsWith(search, StringComparison.OrdinalIgnoreCase)))
                    && (hasMember is null || HasMember(hasMember, item.Object))
                    && query.Scope.Contains(item.Object))
                {
                    page.Add(item.Object);
                }
            }

            return page;
        }

        private bool HasMember(string userId, DirectoryObject group)
        {
            if (!Items.TryGetValue(DirectoryObjectKind.User, out var users))
            {
                return false;
            }

            var at = FirstAfter(users, userId) - 1;
            return at >= 0 && users[at].Key.Equals(userId, StringComparison.OrdinalIgnoreCase)
                && users[at].Object.MemberOf.Contains(group.Id, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>The index of the first item whose key sorts after <paramref name="key"/>.</summary>
        private static int FirstAfter(Item[] items, string key)
        {
            var low = 0;
            var high = items.Length;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (StringComparer.OrdinalIgnoreCase.Compare(items[middle].Key, key) <= 0)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }
    }
}
