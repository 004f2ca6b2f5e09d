using System.DirectoryServices.Protocols;
using DelegationWidgets.Connectors.Ldap.Connection;
using DelegationWidgets.Connectors.Ldap.Filters;
using DelegationWidgets.Connectors.Ldap.Lookups;
using DelegationWidgets.Connectors.Ldap.Passwords;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Connectors.Ldap;

/// <summary>
/// Active Directory as an <see cref="IDirectoryConnector"/>, over LDAPS or StartTLS. Ids are <c>sAMAccountName</c> for users,
/// groups and mailboxes (readable in forms and the audit trail; the <c>objectGUID</c> is in the attributes as
/// <c>objectGuid</c>) and the DN for organisational units. See <see cref="LdapSchema"/> for the object model, the
/// <c>Lookups</c> partial for how scopes become search bases and filters, and the action partials for the attributes each action writes.
/// </summary>
internal sealed partial class LdapDirectoryConnector(
    LdapGateway gateway,
    IOptions<LdapConnectorOptions> options,
    TimeProvider timeProvider) : IDirectoryConnector, IDisposable
{
    public const int MaximumPageSize = 200;

    private static readonly TimeSpan PolicyLifetime = TimeSpan.FromMinutes(10);

    private readonly LdapConnectorOptions _options = options.Value;
    private (DomainPasswordPolicy Policy, DateTimeOffset ReadAt)? _policy;
    private LookupReplica? _replica;

    public string Name => _options.Name;

    public void Dispose() => _replica?.Dispose();

    /// <summary>The lookups' in-memory replica, or null when <see cref="LdapConnectorOptions.LookupReplica"/> is off.</summary>
    private LookupReplica? Replica => _options.LookupReplica
        ? LazyInitializer.EnsureInitialized(ref _replica, () => new LookupReplica(this, _options, timeProvider))
        : null;

    /// <summary>A password for the domain's policy as last read (Active Directory's defaults before the first read).</summary>
    public string GeneratePassword() => (_policy?.Policy ?? DomainPasswordPolicy.Default).Generate();

    public async Task<DirectoryObject?> FindAsync(DirectoryObjectKind kind, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var entry = await FindEntryAsync(kind, id, cancellationToken).ConfigureAwait(false);
        return entry is null ? null : (await ToObjectsAsync(kind, [entry], cancellationToken).ConfigureAwait(false))[0];
    }

    /// <summary>The object of this kind with this id, or null (also for an id that is empty or not a well-formed DN where one is needed).</summary>
    internal async Task<LdapEntry?> FindEntryAsync(DirectoryObjectKind kind, string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id) || (kind == DirectoryObjectKind.OrganizationalUnit && !DistinguishedName.IsWellFormed(id)))
        {
            return null;
        }

        var entries = await SearchEntriesAsync(
            _options.BaseDn, LdapFilter.And(LdapSchema.KindFilter(kind), LdapSchema.IdFilter(kind, id)), SearchScope.Subtree,
            LdapSchema.Attributes, 2, cancellationToken).ConfigureAwait(false);
        return entries.Count == 1 ? entries[0] : null;
    }

    /// <summary>One search of at most <paramref name="sizeLimit"/> entries (0: the server's limit); a missing base yields none.</summary>
    internal async Task<IReadOnlyList<LdapEntry>> SearchEntriesAsync(
        string baseDn,
        string filter,
        SearchScope scope,
        string[] attributes,
        int sizeLimit,
        CancellationToken cancellationToken,
        params DirectoryControl[] controls)
    {
        var request = new SearchRequest(baseDn, filter, scope, attributes) { SizeLimit = sizeLimit };
        request.Controls.AddRange(controls);
        try
        {
            var response = await gateway.SendAsync<SearchResponse>(request, cancellationToken).ConfigureAwait(false);
            return [.. response.Entries.Cast<SearchResultEntry>().Select(LdapEntry.From)];
        }
        catch (DirectoryOperationException e) when (e.Response?.ResultCode is ResultCode.NoSuchObject or ResultCode.InvalidDNSyntax)
        {
            return [];
        }
        catch (DirectoryOperationException e) when (e.Response is SearchResponse { ResultCode: ResultCode.SizeLimitExceeded } partial)
        {
            return [.. partial.Entries.Cast<SearchResultEntry>().Select(LdapEntry.From)];
        }
    }

    /// <summary>Every entry that matches, read in pages of 500 with the simple paged results control (all pages on one connection).</summary>
    internal Task<List<LdapEntry>> SearchAllAsync(
        string baseDn, string filter, SearchScope scope, string[] attributes, CancellationToken cancellationToken, params DirectoryControl[] controls) =>
        SearchAllAsync(baseDn, filter, scope, attributes, 500, cancellationToken, controls);

    internal async Task<List<LdapEntry>> SearchAllAsync(
        string baseDn, string filter, SearchScope scope, string[] attributes, int pageSize, CancellationToken cancellationToken, params DirectoryControl[] controls)
    {
        try
        {
            var pages = await gateway.SearchAllPagesAsync(cookie =>
            {
                var request = new SearchRequest(baseDn, filter, scope, attributes);
                request.Controls.AddRange(controls);
                request.Controls.Add(new PageResultRequestControl(pageSize) { Cookie = cookie ?? [] });
                return request;
            }, cancellationToken).ConfigureAwait(false);
            return [.. pages.SelectMany(p => p.Entries.Cast<SearchResultEntry>()).Select(LdapEntry.From)];
        }
        catch (DirectoryOperationException e) when (e.Response?.ResultCode is ResultCode.NoSuchObject or ResultCode.InvalidDNSyntax)
        {
            return [];
        }
    }

    /// <summary>The domain's password policy, read from the domain object at most every ten minutes.</summary>
    internal async Task<DomainPasswordPolicy> PasswordPolicyAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (_policy is { } cached && now - cached.ReadAt < PolicyLifetime)
        {
            return cached.Policy;
        }

        var entries = await SearchEntriesAsync(
            _options.BaseDn, "(objectClass=*)", SearchScope.Base, ["minPwdLength", "pwdProperties", "pwdHistoryLength"], 1, cancellationToken).ConfigureAwait(false);
        var domain = entries.Count > 0 ? entries[0] : null;
        var policy = domain is null
            ? DomainPasswordPolicy.Default
            : new DomainPasswordPolicy(
                (int)(domain.GetLong("minPwdLength") ?? DomainPasswordPolicy.Default.MinimumLength),
                ((domain.GetLong("pwdProperties") ?? 1) & 1) == 1,
                (int)(domain.GetLong("pwdHistoryLength") ?? DomainPasswordPolicy.Default.HistoryLength));
        _policy = (policy, now);
        return policy;
    }

    /// <summary>
    /// Turns entries of one kind into <see cref="DirectoryObject"/>s. The DNs they point at (manager, owner, groups) become ids
    /// through one extra search per 50 DNs.
    /// </summary>
    internal async Task<IReadOnlyList<DirectoryObject>> ToObjectsAsync(DirectoryObjectKind kind, IReadOnlyList<LdapEntry> entries, CancellationToken cancellationToken)
    {
        var referenced = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            if (kind == DirectoryObjectKind.User)
            {
                referenced.UnionWith(entry.GetAll(LdapSchema.MemberOf));
                if (entry.Get(LdapSchema.Manager) is { } manager)
                {
                    referenced.Add(manager);
                }
            }
            else if (entry.Get(LdapSchema.ManagedBy) is { } owner)
            {
                referenced.Add(owner);
            }
        }

        var ids = await ResolveIdsAsync(referenced, cancellationToken).ConfigureAwait(false);
        return [.. entries.Select(e => ToObject(kind, e, ids))];
    }

    /// <summary>The <c>sAMAccountName</c> of each DN that names an account or group.</summary>
    internal async Task<Dictionary<string, string>> ResolveIdsAsync(IEnumerable<string> dns, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in dns.Chunk(50))
        {
            var filter = LdapFilter.Or(chunk.Select(dn => LdapFilter.Equal("distinguishedName", dn)));
            foreach (var entry in await SearchEntriesAsync(_options.BaseDn, filter, SearchScope.Subtree, [LdapSchema.AccountName], 0, cancellationToken).ConfigureAwait(false))
            {
                if (entry.Get(LdapSchema.AccountName) is { } id)
                {
                    ids[entry.Dn] = id;
                }
            }
        }

        return ids;
    }

    /// <summary>The object an entry is, with DNs turned into ids by <paramref name="ids"/>; a user's groups are <paramref name="memberOf"/> when given, else its <c>memberOf</c> resolved.</summary>
    internal static DirectoryObject ToObject(DirectoryObjectKind kind, LdapEntry entry, IReadOnlyDictionary<string, string> ids, IReadOnlyList<string>? memberOf = null)
    {
        string? Id(string? dn) => dn is not null && ids.TryGetValue(dn, out var id) ? id : null;
        var attributes = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["distinguishedName"] = entry.Dn,
            ["objectGuid"] = entry.ObjectGuid?.ToString(),
        };
        var parent = DistinguishedName.Parent(entry.Dn);
        switch (kind)
        {
            case DirectoryObjectKind.User:
                var control = entry.GetLong(LdapSchema.UserAccountControl) ?? 0;
                var computed = entry.GetLong(LdapSchema.ComputedUserAccountControl) ?? 0;
                attributes[DirectoryAttributes.Mail] = entry.Get(LdapSchema.Mail);
                attributes[DirectoryAttributes.Phone] = entry.Get(LdapSchema.Phone);
                attributes[DirectoryAttributes.Enabled] = LdapSchema.Flag((control & LdapSchema.AccountDisabled) == 0);
                attributes[DirectoryAttributes.Locked] = LdapSchema.Flag((computed & LdapSchema.LockedOut) != 0);
                attributes[DirectoryAttributes.AccountExpires] = LdapSchema.Date(LdapSchema.FromAccountExpires(entry.GetLong(LdapSchema.AccountExpires)));
                attributes[DirectoryAttributes.GivenName] = entry.Get(LdapSchema.GivenName);
                attributes[DirectoryAttributes.Surname] = entry.Get(LdapSchema.Surname);
                attributes[DirectoryAttributes.MustChangePassword] = LdapSchema.Flag(entry.GetLong(LdapSchema.PasswordLastSet) == 0);
                attributes["userPrincipalName"] = entry.Get(LdapSchema.UserPrincipalName);
                return new DirectoryObject(
                    entry.AccountName, kind, entry.Get(LdapSchema.DisplayName) ?? entry.Get(LdapSchema.CommonName) ?? entry.AccountName, parent,
                    entry.Get(LdapSchema.Department), Id(entry.Get(LdapSchema.Manager)), null,
                    memberOf ?? [.. entry.GetAll(LdapSchema.MemberOf).Select(Id).OfType<string>().Order(StringComparer.OrdinalIgnoreCase)],
                    attributes);
            case DirectoryObjectKind.OrganizationalUnit:
                return new DirectoryObject(entry.Dn, kind, entry.Get(LdapSchema.OrganizationalUnitName) ?? DistinguishedName.FirstValue(entry.Dn), parent, null, null, null, [], attributes);
            default:
                attributes[DirectoryAttributes.Mail] = entry.Get(LdapSchema.Mail);
                return new DirectoryObject(
                    entry.AccountName, kind, entry.Get(LdapSchema.DisplayName) ?? entry.Get(LdapSchema.CommonName) ?? entry.AccountName, parent,
                    null, null, Id(entry.Get(LdapSchema.ManagedBy)), [], attributes);
        }
    }
}
