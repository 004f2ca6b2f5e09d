using System.Globalization;
using System.Text;

namespace DelegationWidgets.Sdk.Serialization;

/// <summary>Builds a query string in the order values are added, skipping empty ones, every name and value escaped.</summary>
internal sealed class QueryString
{
    private readonly StringBuilder _text = new();

    public QueryString Add(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _text.Append(_text.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return this;
    }

    public QueryString Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public QueryString Add(string name, DateTimeOffset? value) => Add(name, value?.ToString("O", CultureInfo.InvariantCulture));

    public override string ToString() => _text.ToString();
}
