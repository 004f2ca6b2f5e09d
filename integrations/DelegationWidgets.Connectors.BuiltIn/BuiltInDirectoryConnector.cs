using DelegationWidgets.Sqlite;
using System.Globalization;
using DelegationWidgets.Connectors.BuiltIn.Lookups;
using DelegationWidgets.Connectors.BuiltIn.Passwords;
using DelegationWidgets.Connectors.BuiltIn.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelegationWidgets.Connectors.BuiltIn;

/// <summary>
/// The built-in directory as an <see cref="IDirectoryConnector"/>: EF Core over SQLite is the source of truth.
/// Lookups translate the scope and the search into one SQL query (see <see cref="LookupSql"/>); actions
/// run one at a time per process, each in its own <c>BEGIN IMMEDIATE</c> transaction, and are idempotent.
/// </summary>
internal sealed partial class BuiltInDirectoryConnector(
    IDbContextFactory<DirectoryDbContext> contexts,
    IOptions<BuiltInDirectoryOptions> options,
    TimeProvider timeProvider) : IDirectoryConnector
{
    public const int MaximumPageSize = 200;

    // SQLite allows one writer at a time: every writer of this database in the process (the host's change records
    // and audit trail too) queues on the same gate, while the immediate transaction still keeps other processes out.
    private readonly SemaphoreSlim _writeGate = SqliteWriteGate.For(options.Value.ConnectionString);

    public string Name { get; } = options.Value.Name;

    public string GeneratePassword() => PasswordPolicy.Generate();

    // The directory's OUs (no action creates or removes one), read once they exist.
    private volatile List<(string Dn, string ParentDn)>? _organizationalUnits;

    private async Task<List<(string Dn, string ParentDn)>> OrganizationalUnitsAsync(DirectoryDbContext db, CancellationToken cancellationToken)
    {
        if (_organizationalUnits is { } known)
        {
            return known;
        }

        var read = (await db.Entries.AsNoTracking().Where(e => e.Kind == DirectoryObjectKind.OrganizationalUnit)
            .Select(e => new { e.Id, e.OrganizationalUnit }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ConvertAll(ou => (ou.Id, ou.OrganizationalUnit));
        if (read.Count > 0)
        {
            _organizationalUnits = read;
        }

        return read;
    }

    /// <summary>Tests only: run every lookup with this plan instead of choosing one by the counts.</summary>
    internal LookupPlan? ForcedPlan { get; set; }

    public async Task<DirectoryObject?> FindAsync(DirectoryObjectKind kind, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entry = await FindUntracked(db, id.ToLowerInvariant(), kind).ConfigureAwait(false);
        if (entry is null)
        {
            return null;
        }

        var groups = entry.Kind == DirectoryObjectKind.User ? GroupsOf(db, entry.Id).ToList() : [];
        return ToDirectoryObject(entry, groups.ToLookup(_ => entry.Id, g => g, StringComparer.Ordinal));
    }

    public async Task<LookupPage> SearchAsync(LookupQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Scope.IsEmpty)
        {
            return new LookupPage([], null);
        }

        var pageSize = Math.Clamp(query.PageSize, 1, MaximumPageSize);
        var cursor = string.IsNullOrEmpty(query.Cursor) ? (LookupCursor?)null : LookupCursor.Decode(query.Cursor);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = new LookupSql();
        sql.AddKind(query.Kind);
        var needsOrganizationalUnits = !string.IsNullOrEmpty(query.WithinOrganizationalUnit)
            || query.Scope.Rules.Any(r => r.Kind == ScopeRuleKind.OrganizationalUnit);
        var organizationalUnits = needsOrganizationalUnits ? await OrganizationalUnitsAsync(db, cancellationToken).ConfigureAwait(false) : [];
        sql.AddScope(query.Scope, organizationalUnits);
        if (!string.IsNullOrEmpty(query.WithinOrganizationalUnit))
        {
            sql.AddWithin(query.WithinOrganizationalUnit, organizationalUnits);
        }

        var search = query.Search?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            sql.AddSearch(search);
        }

        if (query.Kind == DirectoryObjectKind.Group && !string.IsNullOrEmpty(query.HasMember))
        {
            sql.AddHasMember(query.HasMember);
        }

        if (cursor is { } after)
        {
            sql.AddKeyset(after);
        }

        var text = ForcedPlan switch
        {
            LookupPlan.Ordered => sql.Ordered(pageSize + 1),
            LookupPlan.FromSources when sql.Sources.Count > 0 => sql.FromSources(sql.Sources.Select(s => s.Rowids), pageSize + 1),
            LookupPlan.TopPerSearchColumn when sql.HasSearch => sql.TopPerSearchColumn(pageSize + 1),
            _ when sql.HasSearch => sql.TopPerSearchColumn(pageSize + 1),
            _ => await ChoosePlanAsync(db, sql, pageSize + 1, cancellationToken).ConfigureAwait(false),
        };
        var page = await db.Entries.FromSqlRaw(text, [.. Clone(sql.Parameters)]).AsNoTracking()
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var hasMore = page.Count > pageSize;
        if (hasMore)
        {
            page.RemoveAt(page.Count - 1);
        }

        var memberOf = query.IncludeMemberOf
            ? await MemberOfAsync(db, page, cancellationToken).ConfigureAwait(false)
            : NoMemberships;
        var next = hasMore ? new LookupCursor(page[^1].DisplayNameNorm, page[^1].Id).Encode() : null;
        return new LookupPage([.. page.Select(e => ToDirectoryObject(e, memberOf))], next);
    }

    /// <summary>
    /// Counts each selective part of the query (at most <see cref="SourceCountCap"/> rows each) and picks the plan: when
    /// a part is small, start from the rows common to the small parts and sort them (cost bounded by the cap); only when
    /// every part is large, walk the ordered index and filter. The walk is not chosen on an estimated density, because
    /// matches cluster in display-name order (everyone named "Olivia …" sits together), so a walk can read most of the
    /// index before it finds a page even when matches are not rare.
    /// </summary>
    private static async Task<string> ChoosePlanAsync(DirectoryDbContext db, LookupSql sql, int limit, CancellationToken cancellationToken)
    {
        if (sql.Sources.Count == 0)
        {
            return sql.Ordered(limit);
        }

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var small = new List<string>(sql.Sources.Count);
        foreach (var source in sql.Sources)
        {
            if (await ScalarAsync(connection, sql.CountOf(source.Count, SourceCountCap), sql.Parameters, cancellationToken).ConfigureAwait(false) < SourceCountCap)
            {
                small.Add(source.Rowids);
            }
        }

        return small.Count > 0 ? sql.FromSources(small, limit) : sql.Ordered(limit);
    }

    /// <summary>Sources are counted up to this many rows; a source below it counts as small.</summary>
    private const int SourceCountCap = 10_000;

    private static async Task<long> ScalarAsync(System.Data.Common.DbConnection connection, string text, IEnumerable<SqliteParameter> parameters, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Built by LookupSql: column names and placeholders only; every value is a parameter.
        command.CommandText = text;
#pragma warning restore CA2100
        command.Parameters.AddRange(Clone(parameters).ToArray());
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static IEnumerable<SqliteParameter> Clone(IEnumerable<SqliteParameter> parameters) =>
        parameters.Select(p => new SqliteParameter(p.ParameterName, p.Value));

    private static readonly ILookup<string, string> NoMemberships = Array.Empty<GroupMembership>().ToLookup(m => m.UserId, m => m.GroupId);

    private static async Task<ILookup<string, string>> MemberOfAsync(DirectoryDbContext db, List<DirectoryEntry> entries, CancellationToken cancellationToken)
    {
        var userIds = entries.Where(e => e.Kind == DirectoryObjectKind.User).Select(e => e.Id).ToList();
        if (userIds.Count == 0)
        {
            return Array.Empty<GroupMembership>().ToLookup(m => m.UserId, m => m.GroupId);
        }

        var memberships = await db.GroupMembers.AsNoTracking()
            .Where(m => userIds.Contains(m.UserId))
            .OrderBy(m => m.GroupId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return memberships.ToLookup(m => m.UserId, m => m.GroupId, StringComparer.Ordinal);
    }

    internal static DirectoryObject ToDirectoryObject(DirectoryEntry entry, ILookup<string, string> memberOf)
    {
        var attributes = new Dictionary<string, string?>(StringComparer.Ordinal);
        switch (entry.Kind)
        {
            case DirectoryObjectKind.User:
                attributes[DirectoryAttributes.Mail] = entry.Mail;
                attributes[DirectoryAttributes.Phone] = entry.Phone;
                attributes[DirectoryAttributes.Enabled] = Flag(entry.Enabled);
                attributes[DirectoryAttributes.Locked] = Flag(entry.Locked);
                attributes[DirectoryAttributes.AccountExpires] = Date(entry.AccountExpires);
                attributes[DirectoryAttributes.GivenName] = entry.GivenName;
                attributes[DirectoryAttributes.Surname] = entry.Surname;
                attributes[DirectoryAttributes.MustChangePassword] = Flag(entry.MustChangePassword);
                break;
            case DirectoryObjectKind.Mailbox:
                attributes[DirectoryAttributes.Mail] = entry.Mail;
                break;
            default:
                break;
        }

        return new DirectoryObject(
            entry.Id,
            entry.Kind,
            entry.DisplayName,
            entry.OrganizationalUnit,
            entry.Kind == DirectoryObjectKind.User ? entry.Department : null,
            entry.Kind == DirectoryObjectKind.User ? entry.ManagerId : null,
            entry.OwnerId,
            entry.Kind == DirectoryObjectKind.User ? [.. memberOf[entry.Id]] : [],
            attributes);
    }

    internal static string Flag(bool value) => value ? "true" : "false";

    internal static string? Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
