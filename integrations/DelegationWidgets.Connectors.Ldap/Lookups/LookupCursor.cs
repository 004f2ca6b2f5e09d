using System.Buffers.Text;
using System.Text.Json;

namespace DelegationWidgets.Connectors.Ldap.Lookups;

/// <summary>
/// The opaque cursor of a lookup page: a keyset (the kind and the sort key of the page's last item), not the server's
/// paged-results cookie, which belongs to one connection of one DC and would not survive the connection pool or a
/// fail-over. Each page is a new sorted search for the items after the key.
/// </summary>
internal readonly record struct LookupCursor(DirectoryObjectKind Kind, string LastKey)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new[] { Kind.ToString(), LastKey }));

    /// <summary>The cursor, or an <see cref="ArgumentException"/> when the text was not made by <see cref="Encode"/> for this kind.</summary>
    public static LookupCursor Decode(string cursor, DirectoryObjectKind kind)
    {
        try
        {
            if (JsonSerializer.Deserialize<string[]>(Base64Url.DecodeFromChars(cursor)) is [var kindText, var key]
                && Enum.TryParse<DirectoryObjectKind>(kindText, out var parsed) && parsed == kind && !string.IsNullOrEmpty(key))
            {
                return new LookupCursor(kind, key);
            }
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new ArgumentException("The lookup cursor is not valid; start again without a cursor.", nameof(cursor), e);
        }

        throw new ArgumentException("The lookup cursor is not valid; start again without a cursor.", nameof(cursor));
    }
}
