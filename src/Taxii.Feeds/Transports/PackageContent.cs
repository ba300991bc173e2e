using System.Runtime.InteropServices;
using System.Text;
using System.Xml;
using Taxii.Protocol.Messages;

namespace Taxii.Feeds.Transports;

/// <summary>
/// A package's bytes as TAXII carries them: one Content_Block goes inside an envelope, where an XML declaration or a
/// byte order mark is not allowed, so those are cut (a file or a download keeps them); the rest is kept verbatim.
/// </summary>
internal static class PackageContent
{
    private static readonly XmlReaderSettings FragmentSettings = new()
    {
        ConformanceLevel = ConformanceLevel.Fragment,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
    };

    /// <summary>The bytes that go into a content block; XML is checked to be a well-formed fragment with an element.</summary>
    /// <exception cref="FeedDeliveryException">XML that is not such a fragment (a writer bug: nothing is delivered).</exception>
    public static ReadOnlyMemory<byte> ForContentBlock(FeedPackage package)
    {
        var content = package.Content;
        if (content.Span.StartsWith(Encoding.UTF8.Preamble))
        {
            content = content[Encoding.UTF8.Preamble.Length..];
        }

        if (!package.IsXml)
        {
            return content;
        }

        content = WithoutDeclaration(content);
        Check(package, content);
        return content;
    }

    /// <summary>The package as a protocol content block (XML checked by <see cref="ForContentBlock"/>).</summary>
    public static ContentBlock ToContentBlock(FeedPackage package)
    {
        var content = ForContentBlock(package);
        return new ContentBlock(
            new ContentBinding(package.Binding),
            package.IsXml ? TaxiiContent.FromValidatedUtf8Xml(content) : TaxiiContent.FromText(Encoding.UTF8.GetString(content.Span)));
    }

    /// <summary>The bytes as an array, without a copy when they already are a whole one.</summary>
    public static byte[] ToArray(ReadOnlyMemory<byte> content) =>
        MemoryMarshal.TryGetArray(content, out var segment) && segment is { Array: { } array, Offset: 0 } && segment.Count == array.Length
            ? array
            : content.ToArray();

    private static ReadOnlyMemory<byte> WithoutDeclaration(ReadOnlyMemory<byte> content)
    {
        var span = content.Span;
        if (!span.StartsWith("<?xml"u8) || span.Length < 6 || !IsSpace(span[5]))
        {
            return content;
        }

        var end = span.IndexOf("?>"u8);
        if (end < 0)
        {
            return content; // left for the check to refuse
        }

        var start = end + 2;
        while (start < span.Length && IsSpace(span[start]))
        {
            start++;
        }

        return content[start..];
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private static void Check(FeedPackage package, ReadOnlyMemory<byte> content)
    {
        var elements = 0;
        try
        {
            // packages come as arrays: read them in place rather than copy up to MaxBlobSize
            using var stream = MemoryMarshal.TryGetArray(content, out var segment) && segment.Array is { } array
                ? new MemoryStream(array, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(content.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, FragmentSettings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.XmlDeclaration)
                {
                    throw new XmlException("an XML declaration inside the content");
                }

                if (reader.NodeType == XmlNodeType.Element && reader.Depth == 0)
                {
                    elements++;
                }
            }
        }
        catch (XmlException e)
        {
            throw new FeedDeliveryException($"Package {package.Sequence} is not a well-formed XML fragment ({e.Message}); nothing was delivered.", e);
        }

        if (elements == 0)
        {
            throw new FeedDeliveryException($"Package {package.Sequence} holds no XML element; nothing was delivered.");
        }
    }
}
