using System.DirectoryServices.Protocols;
using System.Globalization;

namespace DelegationWidgets.Connectors.Ldap.Lookups;

/// <summary>One object as read from the directory: its DN and the string values of the attributes asked for.</summary>
internal sealed class LdapEntry
{
    private readonly Dictionary<string, string[]> _values;

    private LdapEntry(string dn, Dictionary<string, string[]> values, Guid? guid)
    {
        Dn = dn;
        _values = values;
        ObjectGuid = guid;
    }

    public string Dn { get; }

    public Guid? ObjectGuid { get; }

    public static LdapEntry From(SearchResultEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var values = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        Guid? guid = null;
        foreach (DirectoryAttribute attribute in entry.Attributes.Values)
        {
            if (attribute.Name.Equals(LdapSchema.ObjectGuid, StringComparison.OrdinalIgnoreCase))
            {
                if (attribute.GetValues(typeof(byte[])) is [byte[] { Length: 16 } bytes, ..])
                {
                    guid = new Guid(bytes);
                }

                continue;
            }

            values[attribute.Name] = [.. attribute.GetValues(typeof(string)).Cast<string>()];
        }

        return new LdapEntry(entry.DistinguishedName, values, guid);
    }

    public string? Get(string attribute) => _values.TryGetValue(attribute, out var v) && v.Length > 0 ? v[0] : null;

    public IReadOnlyList<string> GetAll(string attribute) => _values.TryGetValue(attribute, out var v) ? v : [];

    public long? GetLong(string attribute) =>
        long.TryParse(Get(attribute), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public string AccountName => Get(LdapSchema.AccountName) ?? Dn;
}
