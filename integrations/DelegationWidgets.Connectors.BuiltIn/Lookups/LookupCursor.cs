using System.Buffers.Text;
using System.Text.Json;

namespace DelegationWidgets.Connectors.BuiltIn.Lookups;

/// <summary>The opaque keyset cursor of a lookup page: the sort key and id of the page's last item.</summary>
internal readonly record struct LookupCursor(string DisplayNameNorm, string Id)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new[] { DisplayNameNorm, Id }));

    /// <summary>The cursor, or an <see cref="ArgumentException"/> when the text was not made by <see cref="Encode"/>.</summary>
    public static LookupCursor Decode(string cursor)
    {
        try
        {
            if (JsonSerializer.Deserialize<string[]>(Base64Url.DecodeFromChars(cursor)) is [var name, var id])
            {
                return new LookupCursor(name, id);
            }
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new ArgumentException("The lookup cursor is not valid; start again without a cursor.", nameof(cursor), e);
        }

        throw new ArgumentException("The lookup cursor is not valid; start again without a cursor.", nameof(cursor));
    }
}
