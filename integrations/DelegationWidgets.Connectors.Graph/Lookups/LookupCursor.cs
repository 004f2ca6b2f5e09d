using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DelegationWidgets.Connectors.Graph.Lookups;

/// <summary>Where a lookup goes on: the index of its Graph source and Graph's link to that source's next page (null: its first page).</summary>
internal readonly record struct LookupPosition(int Source, string? Next);

/// <summary>
/// The opaque cursors of lookup pages. Graph's <c>@odata.nextLink</c> carries the whole query, filter and scope included, so a
/// cursor that carries it is signed: HMAC-SHA256 over its content and over the lookup it was made for (kind, search, scope),
/// with a key derived from <c>Graph:ClientSecret</c>, so every host instance with the same settings accepts the others'
/// cursors. A cursor this connector did not make, or made for another lookup or scope, is refused with an
/// <see cref="ArgumentException"/>: a caller can never steer Graph to objects outside their scope through it.
/// </summary>
internal sealed class LookupCursors(byte[] key)
{
    private const string Invalid = "The lookup cursor is not valid for this lookup; start again without a cursor.";

    public static LookupCursors For(string clientSecret) => new(HKDF.DeriveKey(
        HashAlgorithmName.SHA256,
        Encoding.UTF8.GetBytes(clientSecret),
        32,
        info: "DelegationWidgets.Connectors.Graph lookup cursor"u8.ToArray()));

    public string Encode(LookupPosition position, string lookup)
    {
        var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{position.Source}\n{position.Next}"));
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(Mac(payload, lookup));
    }

    public LookupPosition Decode(string cursor, string lookup)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            throw new ArgumentException(Invalid, nameof(cursor));
        }

        byte[] payload;
        byte[] mac;
        try
        {
            payload = Base64Url.DecodeFromChars(cursor.AsSpan(0, dot));
            mac = Base64Url.DecodeFromChars(cursor.AsSpan(dot + 1));
        }
        catch (FormatException e)
        {
            throw new ArgumentException(Invalid, nameof(cursor), e);
        }

        if (!CryptographicOperations.FixedTimeEquals(mac, Mac(payload, lookup)))
        {
            throw new ArgumentException(Invalid, nameof(cursor));
        }

        var text = Encoding.UTF8.GetString(payload);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline < 0 || !int.TryParse(text.AsSpan(0, newline), NumberStyles.None, CultureInfo.InvariantCulture, out var source))
        {
            throw new ArgumentException(Invalid, nameof(cursor));
        }

        var next = text[(newline + 1)..];
        return new LookupPosition(source, next.Length == 0 ? null : next);
    }

    private byte[] Mac(byte[] payload, string lookup)
    {
        byte[] signed = [.. payload, 0, .. Encoding.UTF8.GetBytes(lookup)];
        return HMACSHA256.HashData(key, signed);
    }
}
