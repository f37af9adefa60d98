using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Concord.Core.Features.Federation;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785): the one byte sequence of a JSON value that both nodes sign and verify.
/// Object members are sorted by their names' UTF-16 code units, no whitespace is written, strings escape only what JSON
/// requires (quotation mark, reverse solidus, control characters) and numbers are written as ECMAScript writes them
/// (shortest round-trip digits; exponent from 1e21 up and below 1e-6).
/// </summary>
public static class CanonicalJson
{
    public static byte[] Bytes(JsonElement value) => Encoding.UTF8.GetBytes(Text(value));

    public static string Text(JsonElement value)
    {
        var sb = new StringBuilder();
        Write(sb, value);
        return sb.ToString();
    }

    /// <summary>Any object as System.Text.Json writes it (its options given), then canonicalised.</summary>
    public static byte[] Bytes<T>(T value, JsonSerializerOptions options) => Bytes(JsonSerializer.SerializeToElement(value, options));

    private static void Write(StringBuilder sb, JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                sb.Append('{');
                var first = true;
                foreach (var member in e.EnumerateObject().OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    if (!first) sb.Append(',');
                    first = false;
                    String(sb, member.Name);
                    sb.Append(':');
                    Write(sb, member.Value);
                }
                sb.Append('}');
                break;
            case JsonValueKind.Array:
                sb.Append('[');
                var i = 0;
                foreach (var item in e.EnumerateArray())
                {
                    if (i++ > 0) sb.Append(',');
                    Write(sb, item);
                }
                sb.Append(']');
                break;
            case JsonValueKind.String:
                String(sb, e.GetString()!);
                break;
            case JsonValueKind.Number:
                sb.Append(Number(e.GetDouble()));
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            case JsonValueKind.Null:
                sb.Append("null");
                break;
            default:
                throw new FormatException($"not a JSON value: {e.ValueKind}");
        }
    }

    private static void String(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    /// <summary>A number as ECMAScript's Number.prototype.toString writes it (RFC 8785 section 3.2.2.3).</summary>
    public static string Number(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) throw new FormatException("NaN and Infinity are not JSON numbers");
        if (value == 0) return "0";
        var negative = value < 0;
        // The shortest digits that read back to the same double, and the exponent n with value = 0.d1d2…dk × 10^n.
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var (digits, exponent) = Decompose(shortest);
        var k = digits.Length;
        var n = exponent;
        string text;
        if (k <= n && n <= 21) text = digits + new string('0', n - k);
        else if (0 < n && n <= 21) text = digits[..n] + "." + digits[n..];
        else if (-6 < n && n <= 0) text = "0." + new string('0', -n) + digits;
        else
        {
            var e = n - 1;
            var sign = e < 0 ? "-" : "+";
            text = (k == 1 ? digits : digits[..1] + "." + digits[1..]) + "e" + sign + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
        }
        return negative ? "-" + text : text;
    }

    // "1.2345E-07" or "123.45" or "1E+21" → significant digits without leading or trailing zeros, and n.
    private static (string Digits, int Exponent) Decompose(string s)
    {
        var exp = 0;
        var e = s.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp = int.Parse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..e];
        }
        var dot = s.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot < 0 ? s : s[..dot];
        var fraction = dot < 0 ? "" : s[(dot + 1)..];
        var all = intPart + fraction;
        // The decimal point sits after intPart's digits: n counts from there.
        var n = intPart.Length + exp;
        var leading = all.Length - all.TrimStart('0').Length;
        all = all.TrimStart('0');
        n -= leading;
        all = all.TrimEnd('0');
        return (all.Length == 0 ? "0" : all, n);
    }
}
