using System.Globalization;
using System.Text.RegularExpressions;

namespace Taxii.Protocol.Query;

/// <summary>Parsing of the numbers and timestamps that tests compare.</summary>
internal static partial class QueryValues
{
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
    ];

    /// <summary>A number as xs:decimal or xs:double text; decimal when it fits, so "1.0" equals "1" exactly.</summary>
    public static bool TryParseNumber(string text, out Number number)
    {
        var s = text.Trim();
        if (decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var m))
        {
            number = new Number(m, (double)m, true);
            return true;
        }

        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            number = new Number(0, d, false);
            return true;
        }

        number = default;
        return false;
    }

    /// <summary>
    /// An xs:dateTime / RFC 3339 timestamp. RFC 3339 also allows a space or lower-case t/z. Content without a time zone
    /// (legal in xs:dateTime) is read as UTC, the usual STIX producer intent; a query value must carry one
    /// (<paramref name="requireZone"/>), because [Q] §5.3 asks for an RFC 3339 timestamp, which always has an offset.
    /// </summary>
    public static bool TryParseTimestamp(string text, bool requireZone, out DateTimeOffset value)
    {
        var s = text.Trim();
        if (s.Length > 10 && (s[10] == ' ' || s[10] == 't'))
        {
            s = string.Concat(s.AsSpan(0, 10), "T", s.AsSpan(11));
        }

        if (s.EndsWith('z'))
        {
            s = s[..^1] + "Z";
        }

        if (requireZone && !ZoneSuffix().IsMatch(s))
        {
            value = default;
            return false;
        }

        return DateTimeOffset.TryParseExact(
            s, TimestampFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    [GeneratedRegex(@"(Z|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex ZoneSuffix();

    /// <summary>A parsed number; compared as decimals when both are, otherwise as doubles.</summary>
    public readonly record struct Number(decimal Decimal, double Double, bool IsDecimal)
    {
        public int CompareTo(Number other) =>
            IsDecimal && other.IsDecimal ? Decimal.CompareTo(other.Decimal) : Double.CompareTo(other.Double);
    }
}
