using System.Globalization;
using System.Text;
using DelegationWidgets.Connectors.BuiltIn.Storage;
using Microsoft.Data.Sqlite;

namespace DelegationWidgets.Connectors.BuiltIn.Lookups;

/// <summary>
/// The SQL of one lookup over <c>directory_objects</c> (alias <c>o</c>): the scope rule by rule, the prefix search
/// as index ranges, the cascading member filter and the keyset. Every value is a parameter; only column names
/// and placeholders are written into the text.
/// </summary>
/// <remarks>
/// Besides the filter (<see cref="Where"/>), every selective part also yields a <em>source</em>: a query of the
/// matching rowids that a single index answers. The connector counts the sources (capped) and then either walks the
/// ordered (kind, display name, id) index and filters, when matches are dense, or starts from the rows common to
/// the small sources (an intersection of index-only reads) and sorts those few rows, when they are sparse. Which one is right depends on the data, not on the query shape,
/// so SQLite's planner cannot choose it alone.
/// </remarks>
internal sealed class LookupSql
{
    public const string Table = "\"directory_objects\"";
    private const string Members = "\"directory_group_members\"";
    private static readonly string MaxCharacter = char.ConvertFromUtf32(0x10FFFF);

    private static readonly string[] SearchColumns = ["IdNorm", "DisplayNameNorm", "GivenNameNorm", "SurnameNorm", "MailNorm"];
    private readonly List<string> _conditions = [];
    private (string From, string To, string Condition)? _search;
    private int _searchLength;

    // Searches up to this many characters seek each shared length separately (see TopPerSearchColumn).
    private const int MaxSeeks = 32;
    private int _next;

    public List<SqliteParameter> Parameters { get; } = [];

    /// <summary>Selective parts as (rowid query, count query) pairs; see the remarks.</summary>
    public List<(string Rowids, string Count)> Sources { get; } = [];

    public string Where => string.Join(" AND ", _conditions);

    public string Add(object value)
    {
        var name = "@p" + _next++.ToString(CultureInfo.InvariantCulture);
        Parameters.Add(new SqliteParameter(name, value));
        return name;
    }

    public void AddKind(DirectoryObjectKind kind) => _conditions.Add($"o.\"Kind\" = {Add((int)kind)}");

    /// <summary>
    /// The scope as a disjunction of rules, with <see cref="TargetScope.Contains"/>'s meaning. The OU rule becomes
    /// an equality test against the directory's OUs that lie within the rule's OU (decided in C# by
    /// <see cref="TargetScope.IsWithinOrganizationalUnit"/> itself), so it needs no suffix match.
    /// </summary>
    public void AddScope(TargetScope scope, IReadOnlyList<(string Dn, string ParentDn)> organizationalUnits)
    {
        if (scope.Rules.Any(r => r.Kind == ScopeRuleKind.Everything))
        {
            return;
        }

        var terms = new List<string>();
        var sources = new List<(string Rowids, string Count)>();
        foreach (var rule in scope.Rules)
        {
            var value = rule.Value.ToLowerInvariant();
            switch (rule.Kind)
            {
                case ScopeRuleKind.OrganizationalUnit:
                    terms.AddRange(WithinTerms(rule.Value, organizationalUnits, sources));
                    break;
                case ScopeRuleKind.Department:
                    terms.Add(Equal("DepartmentNorm", value, sources));
                    break;
                case ScopeRuleKind.DirectReportsOf:
                    terms.Add(Equal("ManagerId", value, sources));
                    break;
                case ScopeRuleKind.OwnedBy:
                    terms.Add(Equal("OwnerId", value, sources));
                    break;
                case ScopeRuleKind.SingleObject:
                    terms.Add(Equal("IdNorm", value, sources));
                    break;
                case ScopeRuleKind.MemberOf:
                    var group = Add(value);
                    terms.Add($"EXISTS (SELECT 1 FROM {Members} AS m WHERE m.\"GroupId\" = {group} AND m.\"UserId\" = o.\"Id\")");
                    sources.Add((
                        $"SELECT s.rowid AS rid FROM {Members} AS m CROSS JOIN {Table} AS s ON s.\"Id\" = m.\"UserId\" WHERE m.\"GroupId\" = {group}",
                        $"SELECT 1 FROM {Members} AS m WHERE m.\"GroupId\" = {group}"));
                    break;
                default:
                    // A rule kind this connector does not know selects nothing (fail closed), as Contains does.
                    break;
            }
        }

        _conditions.Add(terms.Count == 0 ? "0" : $"({string.Join(" OR ", terms)})");
        Sources.Add(sources.Count == 0
            ? ($"SELECT rowid AS rid FROM {Table} WHERE 0", "SELECT 1 WHERE 0")
            : (string.Join(" UNION ALL ", sources.Select(s => s.Rowids)), string.Join(" UNION ALL ", sources.Select(s => s.Count))));
    }

    /// <summary>Only objects in the OU or below it (the same test as the scope's OU rule), on top of the scope.</summary>
    public void AddWithin(string organizationalUnit, IReadOnlyList<(string Dn, string ParentDn)> organizationalUnits)
    {
        var sources = new List<(string Rowids, string Count)>();
        var terms = WithinTerms(organizationalUnit, organizationalUnits, sources);
        _conditions.Add(terms.Count == 0 ? "0" : $"({string.Join(" OR ", terms)})");
        Sources.Add(sources.Count == 0
            ? ($"SELECT rowid AS rid FROM {Table} WHERE 0", "SELECT 1 WHERE 0")
            : (string.Join(" UNION ALL ", sources.Select(s => s.Rowids)), string.Join(" UNION ALL ", sources.Select(s => s.Count))));
    }

    /// <summary>
    /// <see cref="TargetScope.IsWithinOrganizationalUnit"/> as equality tests: objects whose OU is one of the
    /// directory's OUs (or their parents) that lie within <paramref name="scopeOu"/>, and those OUs themselves.
    /// </summary>
    private List<string> WithinTerms(string scopeOu, IReadOnlyList<(string Dn, string ParentDn)> organizationalUnits, List<(string Rowids, string Count)> sources)
    {
        var terms = new List<string>();
        var within = organizationalUnits.Where(ou => TargetScope.IsWithinOrganizationalUnit(ou.Dn, scopeOu))
            .Select(ou => ou.Dn.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        var holders = organizationalUnits.SelectMany(ou => new[] { ou.Dn, ou.ParentDn })
            .Where(dn => TargetScope.IsWithinOrganizationalUnit(dn, scopeOu)).Select(dn => dn.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal).ToList();
        if (holders.Count > 0)
        {
            var list = List(holders);
            terms.Add($"o.\"OrganizationalUnitNorm\" IN ({list})");
            sources.Add(Column("OrganizationalUnitNorm", $"IN ({list})"));
        }

        if (within.Count > 0)
        {
            var list = List(within);
            var kind = Add((int)DirectoryObjectKind.OrganizationalUnit);
            terms.Add($"(o.\"Kind\" = {kind} AND o.\"IdNorm\" IN ({list}))");
            sources.Add(Column("IdNorm", $"IN ({list})"));
        }

        return terms;
    }

    /// <summary>
    /// Case-insensitive prefix match on id, display name, given name, surname or mail: each a half-open range
    /// [prefix, prefix + U+10FFFF) on a lower-cased, indexed column. No LIKE, so % _ \ * are ordinary characters.
    /// </summary>
    public void AddSearch(string search)
    {
        var from = Add(search.ToLowerInvariant());
        var to = Add(search.ToLowerInvariant() + MaxCharacter);
        _searchLength = search.ToLowerInvariant().Length;
        _search = (from, to, "(" + string.Join(" OR ", SearchColumns.Select(c => $"(o.\"{c}\" >= {from} AND o.\"{c}\" < {to})")) + ")");
        _conditions.Add(_search.Value.Condition);
        string[] columns = SearchColumns;
        var ranges = columns.Select(c => Column(c, $">= {from} AND \"{c}\" < {to}")).ToList();
        Sources.Add((string.Join(" UNION ALL ", ranges.Select(r => r.Rowids)), string.Join(" UNION ALL ", ranges.Select(r => r.Count))));
    }

    /// <summary>Groups only: groups that have the user as a direct member.</summary>
    public void AddHasMember(string userId)
    {
        var user = Add(userId.ToLowerInvariant());
        _conditions.Add($"EXISTS (SELECT 1 FROM {Members} AS m WHERE m.\"GroupId\" = o.\"Id\" AND m.\"UserId\" = {user})");
        Sources.Add((
            $"SELECT s.rowid AS rid FROM {Members} AS m CROSS JOIN {Table} AS s ON s.\"Id\" = m.\"GroupId\" WHERE m.\"UserId\" = {user}",
            $"SELECT 1 FROM {Members} AS m WHERE m.\"UserId\" = {user}"));
    }

    public void AddKeyset(LookupCursor after)
    {
        var name = Add(after.DisplayNameNorm);
        var id = Add(after.Id);
        // The first term lets the ordered index seek to the cursor instead of reading every earlier row.
        _conditions.Add($"o.\"DisplayNameNorm\" >= {name} AND (o.\"DisplayNameNorm\" > {name} OR o.\"Id\" > {id})");
    }

    /// <summary>The page query that walks the ordered index and filters.</summary>
    public string Ordered(int limit) =>
        $"SELECT o.* FROM {Table} AS o INDEXED BY \"{DirectoryDbContext.OrderedIndex}\" WHERE {Where} ORDER BY o.\"DisplayNameNorm\", o.\"Id\" LIMIT {Add(limit)}";

    /// <summary>Whether <see cref="AddSearch"/> was called, so <see cref="TopPerSearchColumn"/> applies.</summary>
    public bool HasSearch => _search is not null;

    /// <summary>
    /// The page query for a prefix search: the first rows of the display-name range (one seek in the ordered index), and
    /// the rows found through another key — surname, or id, given name and mail where that key and the display name part
    /// within the prefix (their shared length is shorter than the prefix; otherwise the display-name range has the row
    /// already) — each read from that key's covering index in display order; the union of those few rows, sorted, is the
    /// page. Its cost is the size of the surname range and of the rare diverging keys, not the position of the matches in
    /// display order.
    /// </summary>
    public string TopPerSearchColumn(int limit)
    {
        var (from, to, condition) = _search ?? throw new InvalidOperationException("No search term was added.");
        var others = string.Join(" AND ", _conditions.Where(c => !ReferenceEquals(c, condition)));
        var n = Add(limit);
        // Keys that share fewer characters with the display name than the prefix has: an IN list lets SQLite seek each
        // shared length's part of the index; for a very long search a plain comparison is as exact.
        var shortSearch = _searchLength <= MaxSeeks;
        var diverging = shortSearch ? string.Join(", ", Enumerable.Range(0, _searchLength).Select(i => Add(i))) : Add(_searchLength);
        string Diverges(string column) => shortSearch ? $"o.\"{column}\" IN ({diverging})" : $"o.\"{column}\" < {diverging}";
        string Branch(string index, string keyCondition) =>
            $"SELECT * FROM (SELECT o.\"DisplayNameNorm\" AS d, o.\"Id\" AS i FROM {Table} AS o INDEXED BY \"{index}\" " +
            $"WHERE {others} AND {keyCondition} ORDER BY o.\"DisplayNameNorm\", o.\"Id\" LIMIT {n})";
        string Range(string column) => $"o.\"{column}\" >= {from} AND o.\"{column}\" < {to}";
        string[] branches =
        [
            Branch(DirectoryDbContext.OrderedIndex, Range("DisplayNameNorm")),
            Branch(DirectoryDbContext.SearchIndexPrefix + "SurnameNorm", Range("SurnameNorm")),
            Branch(DirectoryDbContext.SearchIndexPrefix + "IdNorm", $"{Diverges("IdShared")} AND {Range("IdNorm")}"),
            Branch(DirectoryDbContext.SearchIndexPrefix + "GivenNameNorm", $"{Diverges("GivenNameShared")} AND {Range("GivenNameNorm")}"),
            Branch(DirectoryDbContext.SearchIndexPrefix + "MailNorm", $"{Diverges("MailShared")} AND {Range("MailNorm")}"),
        ];
        return $"SELECT o.* FROM (SELECT d, i FROM ({string.Join(" UNION ", branches)}) ORDER BY d, i LIMIT {n}) AS t " +
            $"CROSS JOIN {Table} AS o ON o.\"Id\" = t.i ORDER BY t.d, t.i";
    }

    /// <summary>The page query that starts from the rows common to the given sources and sorts them.</summary>
    public string FromSources(IEnumerable<string> rowids, int limit)
    {
        var candidates = string.Join(" INTERSECT ", rowids.Select(r => $"SELECT rid FROM ({r})"));
        return $"SELECT o.* FROM (SELECT DISTINCT rid FROM ({candidates})) AS c CROSS JOIN {Table} AS o ON o.rowid = c.rid WHERE {Where} ORDER BY o.\"DisplayNameNorm\", o.\"Id\" LIMIT {Add(limit)}";
    }

    /// <summary>How many rows a source yields, counting at most <paramref name="cap"/>.</summary>
    public string CountOf(string count, int cap) => $"SELECT count(*) FROM (SELECT 1 FROM ({count}) LIMIT {Add(cap)})";

    private string Equal(string column, string value, List<(string Rowids, string Count)> sources)
    {
        var parameter = Add(value);
        sources.Add(Column(column, $"= {parameter}"));
        return $"o.\"{column}\" = {parameter}";
    }

    private string List(IEnumerable<string> values) => string.Join(", ", values.Select(v => Add(v)));

    private static (string Rowids, string Count) Column(string column, string condition) =>
        ($"SELECT rowid AS rid FROM {Table} WHERE \"{column}\" {condition}", $"SELECT 1 FROM {Table} WHERE \"{column}\" {condition}");
}

/// <summary>How a lookup reads the directory (see <see cref="LookupSql"/>).</summary>
internal enum LookupPlan
{
    /// <summary>Walk the ordered index and filter.</summary>
    Ordered,

    /// <summary>Start from the rows common to the selective parts and sort them.</summary>
    FromSources,

    /// <summary>A prefix search: the first rows of each searched column's prefix range, merged.</summary>
    TopPerSearchColumn,
}
