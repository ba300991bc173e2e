using System.Text;
using System.Xml;

namespace Taxii.Protocol.Internal;

/// <summary>
/// Finds the character encoding of a body the way XmlReader does for a stream (XML 1.0 appendix F): a byte order
/// mark or the first bytes of "&lt;?xml" in UTF-16 or UTF-32, else the encoding the XML declaration names, else
/// UTF-8. <see cref="SourceText"/> decodes the body itself, so that the characters the reader parses are the very
/// characters content is cut from.
/// </summary>
/// <remarks>
/// Where XmlReader behaves oddly, this is plainer: in a body detected as UTF-16 or UTF-32 the declaration's encoding
/// is not consulted (XmlReader would switch to it mid-body and fail on what follows), and UCS-4 in the octet orders
/// 2143 and 3412 is refused. Everything else decodes exactly as XmlReader would decode it.
/// </remarks>
internal static class BodyEncoding
{
    /// <summary>The longest head looked at for a declaration; a longer one is read as UTF-8.</summary>
    public const int MaxHead = 4096;

    private static readonly HashSet<string> NeedByteOrderMark = new(["utf-16", "ucs-2", "iso-10646-ucs-2", "ucs-4"], StringComparer.OrdinalIgnoreCase);

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Whether <paramref name="head"/> holds enough of the body to decide (the stream may also have ended).</summary>
    public static bool IsComplete(ReadOnlySpan<byte> head)
    {
        if (head.Length < 4)
        {
            return false;
        }

        var text = head.StartsWith(Utf8Bom) ? head[3..] : head;
        if (text.Length < 5)
        {
            return false;
        }

        // the declaration must be read whole to find its encoding
        return !text.StartsWith("<?xml"u8) || text.Contains((byte)'>') || head.Length >= MaxHead;
    }

    /// <summary>The encoding of a body starting with <paramref name="head"/>, and the length of its byte order mark.</summary>
    /// <exception cref="XmlException">the encoding is unknown here, or contradicts the bytes</exception>
    public static Encoding Detect(ReadOnlySpan<byte> head, out int preamble)
    {
        preamble = 0;
        if (head.StartsWith(Utf8Bom))
        {
            preamble = 3;
            return Declared(head[3..]) ?? Utf8;
        }

        var first = head.Length >= 2 ? (head[0] << 8) | head[1] : -1;
        var next = head.Length >= 4 ? (head[2] << 8) | head[3] : -1;
        switch (first, next)
        {
            case (0x0000, 0xFEFF):
                preamble = 4;
                return new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true);
            case (0x0000, 0x003C):
                return new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true);
            case (0xFFFE, 0x0000):
                preamble = 4;
                return new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true);
            case (0x3C00, 0x0000):
                return new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true);
            case (0x0000, 0xFFFE or 0x3C00) or (0xFEFF or 0x003C, 0x0000):
                // UCS-4 in the unusual octet orders 2143 and 3412, which .NET has no encoding for
                throw new XmlException("UCS-4 in an unusual octet order is not supported; send UTF-8");
            case (0xFEFF, _):
                preamble = 2;
                return new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);
            case (0x003C, _):
                return new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);
            case (0xFFFE, _):
                preamble = 2;
                return new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
            case (0x3C00, _):
                return new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
            default:
                return Declared(head) ?? Utf8;
        }
    }

    /// <summary>The encoding named by the XML declaration at the start of an ASCII-compatible body, if any.</summary>
    private static Encoding? Declared(ReadOnlySpan<byte> text)
    {
        if (!text.StartsWith("<?xml"u8) || text.Length < 6 || !IsSpace(text[5]))
        {
            return null;
        }

        var end = text.IndexOf("?>"u8);
        var declaration = end < 0 ? text : text[..end];
        var at = declaration.IndexOf("encoding"u8);
        if (at < 0)
        {
            return null;
        }

        var rest = declaration[(at + "encoding".Length)..].TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty || rest[0] != '=')
        {
            return null;
        }

        rest = rest[1..].TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty || rest[0] is not ((byte)'"' or (byte)'\''))
        {
            return null;
        }

        var close = rest[1..].IndexOf(rest[0]);
        if (close < 0)
        {
            return null;
        }

        var name = Encoding.ASCII.GetString(rest.Slice(1, close));
        if (name.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return Utf8;
        }

        if (NeedByteOrderMark.Contains(name))
        {
            // XmlReader's own refusal: these are only readable with the byte order mark the body lacks
            throw new XmlException($"the XML declaration names encoding '{name}' but the body has no byte order mark for it");
        }

        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            throw new XmlException($"the XML declaration names encoding '{name}', which is not supported", ex);
        }
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
