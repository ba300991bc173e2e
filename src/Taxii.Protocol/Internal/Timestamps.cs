using System.Globalization;
using System.Text.RegularExpressions;

namespace Taxii.Protocol.Internal;

/// <summary>TAXII TimestampLabelType: xs:dateTime with a mandatory zone and at most 6 fractional digits.</summary>
internal static partial class Timestamps
{
    private const string WireFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString(WireFormat, CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        text = text.Trim();
        value = default;
        return Pattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);
    }

    // the XSD pattern, anchored; negative years are legal xs:dateTime but DateTimeOffset cannot hold them anyway
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(([+-][0-9]{2}:[0-9]{2})|Z)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
