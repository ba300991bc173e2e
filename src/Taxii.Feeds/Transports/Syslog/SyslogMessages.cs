using System.Globalization;
using System.Text;
using CsvHelper;
using Taxii.Core.Feeds;
using Taxii.Feeds.ContentTypes;

namespace Taxii.Feeds.Transports.Syslog;

/// <summary>
/// A package's items as RFC 5424 messages: each plain-text line, or each CSV record after the header (a quoted field
/// may hold a line break, so CsvHelper finds the records), becomes the MSG of one message, UTF-8 with a BOM.
/// </summary>
internal static class SyslogMessages
{
    /// <summary>An enterprise number reserved for documentation (RFC 5612): the SD-ID is ours, not IANA-registered.</summary>
    public const string StructuredDataId = "taxii@32473";

    private static readonly byte[] Bom = Encoding.UTF8.Preamble.ToArray();

    // the package is CsvWriter's own output, so CsvHelper's default recovery from bad quoting never comes into play
    private static readonly CsvReaderOptions CsvOptions = new() { Mode = CsvMode.Rfc4180, Separator = ',', HasHeader = true, SkipEmptyLines = true };

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
        if (contentType == FeedContentType.Csv)
        {
            return CsvRecords(package.Content);
        }

        var text = Encoding.UTF8.GetString(package.Content.Span).TrimStart('\uFEFF');
        return text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Select(Encoding.UTF8.GetBytes);
    }

    /// <summary>Each record after the header as it is in the package, without its line break.</summary>
    private static IEnumerable<byte[]> CsvRecords(ReadOnlyMemory<byte> content)
    {
        using var reader = CsvHelper.CsvReader.Create(content, CsvOptions);
        while (reader.Read())
        {
            yield return reader.RawRecord.ToArray();
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
