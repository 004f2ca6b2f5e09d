using System.Globalization;
using System.Text;
using System.Text.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DelegationWidgets.FormProfile.Validation;

/// <summary>JSON value semantics that NJsonSchema does not have: equality by value, integer-valued floats, code points.</summary>
internal static class JsonValues
{
    /// <summary>Deepest data nesting accepted; deeper data is refused rather than risking the stack.</summary>
    internal const int MaxDepth = 128;

    /// <summary>JSON Schema equality: numbers by value (1 equals 1.0), strings ordinal, objects regardless of key order.</summary>
    public static bool DeepEquals(JToken left, JToken right)
    {
        if (IsNumber(left) && IsNumber(right))
        {
            return left.Type == JTokenType.Integer && right.Type == JTokenType.Integer
                ? left.Value<long>() == right.Value<long>()
                : ToDouble(left) == ToDouble(right);
        }

        if (left.Type != right.Type)
        {
            return false;
        }

        switch (left)
        {
            case JArray leftArray:
                var rightArray = (JArray)right;
                if (leftArray.Count != rightArray.Count)
                {
                    return false;
                }

                for (var i = 0; i < leftArray.Count; i++)
                {
                    if (!DeepEquals(leftArray[i], rightArray[i]))
                    {
                        return false;
                    }
                }

                return true;
            case JObject leftObject:
                var rightObject = (JObject)right;
                if (leftObject.Count != rightObject.Count)
                {
                    return false;
                }

                foreach (var property in leftObject.Properties())
                {
                    if (!rightObject.TryGetValue(property.Name, StringComparison.Ordinal, out var other)
                        || !DeepEquals(property.Value, other))
                    {
                        return false;
                    }
                }

                return true;
            case JValue leftValue:
                return left.Type switch
                {
                    JTokenType.String => string.Equals((string?)leftValue, (string?)(JValue)right, StringComparison.Ordinal),
                    JTokenType.Boolean => (bool)leftValue == (bool)(JValue)right,
                    JTokenType.Null => true,
                    _ => JToken.DeepEquals(left, right),
                };
            default:
                return JToken.DeepEquals(left, right);
        }
    }

    public static bool IsNumber(JToken token) => token.Type is JTokenType.Integer or JTokenType.Float;

    /// <summary>JSON Schema "integer": any number with a zero fractional part, so 1.0 is an integer.</summary>
    public static bool IsInteger(JToken token)
    {
        if (token.Type == JTokenType.Integer)
        {
            return true;
        }

        if (token.Type != JTokenType.Float)
        {
            return false;
        }

        var value = ToDouble(token);
        return double.IsFinite(value) && Math.Floor(value) == value;
    }

    public static double ToDouble(JToken token) => token.Value<double>();

    /// <summary>String length in Unicode code points, as JSON Schema counts it (a surrogate pair is one character).</summary>
    public static int CodePointLength(string value)
    {
        var length = value.Length;
        for (var i = 0; i < value.Length - 1; i++)
        {
            if (char.IsHighSurrogate(value[i]) && char.IsLowSurrogate(value[i + 1]))
            {
                length--;
                i++;
            }
        }

        return length;
    }

    /// <summary>How a value reads in a message: strings as they are, anything else as compact JSON.</summary>
    public static string Display(JToken token) =>
        token.Type == JTokenType.String ? (string)token! : token.ToString(Formatting.None);

    /// <summary>The JSON pointer of a token inside the data document ("" for the root).</summary>
    public static string PointerOf(JToken? token)
    {
        var segments = new List<string>();
        var current = token;
        while (current?.Parent is { } parent)
        {
            switch (parent)
            {
                case JProperty property:
                    segments.Add(EscapePointerSegment(property.Name));
                    current = property.Parent;
                    continue;
                case JArray array:
                    segments.Add(IndexOf(array, current).ToString(CultureInfo.InvariantCulture));
                    break;
                case JObject when current is JProperty ownProperty:
                    segments.Add(EscapePointerSegment(ownProperty.Name));
                    break;
                default:
                    break;
            }

            current = parent;
        }

        if (segments.Count == 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        for (var i = segments.Count - 1; i >= 0; i--)
        {
            builder.Append('/').Append(segments[i]);
        }

        return builder.ToString();
    }

    public static string Append(string pointer, string propertyName) => pointer + "/" + EscapePointerSegment(propertyName);

    public static string EscapePointerSegment(string segment) =>
        segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static int IndexOf(JArray array, JToken item)
    {
        for (var i = 0; i < array.Count; i++)
        {
            if (ReferenceEquals(array[i], item))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Converts System.Text.Json data to the Newtonsoft tree NJsonSchema validates. Integers that fit a long stay integers;
    /// every other number becomes a double, so very large numbers never make NJsonSchema throw. Strings stay strings (no date
    /// sniffing). A repeated property name keeps the last value, as JSON parsers usually do.
    /// </summary>
    public static JToken ToToken(JsonElement element, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new DataTooDeepException();
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var result = new JObject();
                foreach (var property in element.EnumerateObject())
                {
                    result[property.Name] = ToToken(property.Value, depth + 1);
                }

                return result;
            case JsonValueKind.Array:
                var array = new JArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(ToToken(item, depth + 1));
                }

                return array;
            case JsonValueKind.String:
                return new JValue(element.GetString());
            case JsonValueKind.Number:
                if (element.TryGetInt64(out var integer))
                {
                    return new JValue(integer);
                }

                return new JValue(double.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture));
            case JsonValueKind.True:
                return new JValue(true);
            case JsonValueKind.False:
                return new JValue(false);
            case JsonValueKind.Null:
                return JValue.CreateNull();
            default:
                throw new ArgumentException($"Unexpected JSON value kind {element.ValueKind}.", nameof(element));
        }
    }
}

/// <summary>The data nests deeper than <see cref="JsonValues.MaxDepth"/>.</summary>
internal sealed class DataTooDeepException : Exception
{
    public DataTooDeepException()
        : base("The data nests too deeply.")
    {
    }

    public DataTooDeepException(string message)
        : base(message)
    {
    }

    public DataTooDeepException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
