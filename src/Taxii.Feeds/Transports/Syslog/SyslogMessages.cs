using System.Globalization;
using System.Text;
using Taxii.Core.Feeds;
using Taxii.Feeds.ContentTypes;

namespace Taxii.Feeds.Transports.Syslog;

/// <summary>
/// A package's items as RFC 5424 messages: each plain-text line, or each CSV record after the header (a quoted field
/// may hold a line break, so records are found by their quotes), becomes the MSG of one message, UTF-8 with a BOM.
/// </summary>
internal static class SyslogMessages
{
    /// <summary>An enterprise number reserved for documentation (RFC 5612): the SD-ID is ours, not IANA-registered.</summary>
    public const string StructuredDataId = "taxii@32473";

    private static readonly byte[] Bom = Encoding.UTF8.Preamble.ToArray();

    /// <summary>Every item of the package as one whole message (header, structured data, BOM and MSG).</summary>
    /// <exception cref="FeedDeliveryException">An item would make a message longer than the limit: nothing of the package is sent.</exception>
    public static IReadOnlyList<byte[]> Build(OutgoingDelivery delivery, FeedPackage package, SyslogSettings settings, DateTimeOffset time)
    {
        var header = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"<{(settings.Facility * 8) + settings.Severity}>1 {FeedNames.Of(time)} {HostName()} taxii - - "
            + $"[{StructuredDataId} feed=\"{Escape(delivery.Feed.Name)}\" run=\"{delivery.Run.Id}\" package=\"{package.Sequence}\"] "));
        var messages = new List<byte[]>();
        var number = 0;
        foreach (var item in Items(package, delivery.Feed.ContentType))
        {
            number++;
            var length = header.Length + Bom.Length + item.Length;
            if (length > settings.MaxMessageSize)
            {
                throw new FeedDeliveryException(
                    $"Package {package.Sequence}: item {number} would make a syslog message of {length} bytes, over the limit of {settings.MaxMessageSize} (transport.maxMessageSize); items are not split, so nothing of the package was sent.");
            }

            messages.Add([.. header, .. Bom, .. item]);
        }

        return messages;
    }

    private static IEnumerable<byte[]> Items(FeedPackage package, FeedContentType contentType)
    {
        var text = Encoding.UTF8.GetString(package.Content.Span).TrimStart('\uFEFF');
        return contentType == FeedContentType.Csv ? CsvRecords(text).Skip(1) : text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Select(Encoding.UTF8.GetBytes);
    }

    private static IEnumerable<byte[]> CsvRecords(string text)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (text[i] == '\n' && !quoted)
            {
                var record = text[start..i].TrimEnd('\r');
                if (record.Length > 0)
                {
                    yield return Encoding.UTF8.GetBytes(record);
                }

                start = i + 1;
            }
        }

        if (start < text.Length && text[start..].TrimEnd('\r') is { Length: > 0 } last)
        {
            yield return Encoding.UTF8.GetBytes(last);
        }
    }

    /// <summary>PARAM-VALUE escaping (RFC 5424 section 6.3.3): '"', '\' and ']'.</summary>
    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);

    /// <summary>HOSTNAME is printable US-ASCII without spaces, at most 255; "-" when the machine's name is not.</summary>
    private static string HostName()
    {
        var name = Environment.MachineName;
        return name.Length is > 0 and <= 255 && name.All(c => c is > ' ' and < (char)127) ? name : "-";
    }
}
