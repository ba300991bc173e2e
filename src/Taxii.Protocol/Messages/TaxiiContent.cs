using System.Text;
using System.Xml;

namespace Taxii.Protocol.Messages;

/// <summary>
/// The body of a Content element: either text kept exactly, or an XML fragment whose well-formedness was checked
/// once, when it was created, so writers can emit it with <see cref="XmlWriter.WriteRaw(string)"/> without re-parsing.
/// </summary>
public sealed record TaxiiContent
{
    private static readonly XmlReaderSettings FragmentSettings = new()
    {
        ConformanceLevel = ConformanceLevel.Fragment,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
    };

    // content made from UTF-8 bytes is decoded only if someone asks for Value; a UTF-8 writer copies the bytes
    private readonly ReadOnlyMemory<byte> _utf8;
    private readonly bool _fromUtf8;
    private string? _value;

    private TaxiiContent(TaxiiContentKind kind, string value)
    {
        Kind = kind;
        _value = value;
    }

    private TaxiiContent(TaxiiContentKind kind, ReadOnlyMemory<byte> utf8)
    {
        Kind = kind;
        _utf8 = utf8;
        _fromUtf8 = true;
    }

    public TaxiiContentKind Kind { get; }

    public string Value => _value ??= Encoding.UTF8.GetString(_utf8.Span);

    public static TaxiiContent Empty { get; } = new(TaxiiContentKind.Text, string.Empty);

    /// <summary>Text content (for example JSON); written escaped, read back exactly.</summary>
    public static TaxiiContent FromText(string text) => new(TaxiiContentKind.Text, text);

    /// <summary>
    /// XML content: must be a well-formed fragment with at least one element, no DTD, no XML declaration and every
    /// prefix declared inside it, because it is written verbatim into the envelope.
    /// </summary>
    /// <exception cref="ArgumentException">the text is not such a fragment</exception>
    public static TaxiiContent FromXml(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var elements = 0;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), FragmentSettings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Depth == 0)
                {
                    elements++;
                }
                else if (reader.NodeType == XmlNodeType.XmlDeclaration)
                {
                    // it would land in the middle of the envelope, where a declaration is not allowed
                    throw new ArgumentException("XML content must not carry an XML declaration", nameof(xml));
                }
            }
        }
        catch (XmlException ex)
        {
            throw new ArgumentException("XML content is not a well-formed, self-contained fragment: " + ex.Message, nameof(xml), ex);
        }

        return elements == 0
            ? throw new ArgumentException("XML content has no element", nameof(xml))
            : new TaxiiContent(TaxiiContentKind.Xml, xml);
    }

    /// <summary>
    /// XML content that this process has already checked with <see cref="FromXml"/> (or read with the codec's reader),
    /// for example a block read back from its own store: it is taken as it is, without the second parse that
    /// <see cref="FromXml"/> would cost. Only for such content: the text goes verbatim into envelopes, so text that is
    /// not a well-formed, self-contained fragment would make them ill-formed. Never pass what came from outside.
    /// </summary>
    public static TaxiiContent FromValidatedXml(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        return new TaxiiContent(TaxiiContentKind.Xml, xml);
    }

    /// <summary>
    /// <see cref="FromValidatedXml"/> for the fragment's UTF-8 bytes, as a store keeps them: the streaming writers
    /// copy them to the body as they are, without decoding and encoding them again. The same rule applies: only for
    /// content this process checked before. The bytes are not copied, so they must not change afterwards.
    /// </summary>
    public static TaxiiContent FromValidatedUtf8Xml(ReadOnlyMemory<byte> utf8) => new(TaxiiContentKind.Xml, utf8);

    /// <summary>Equal when kind and text are: content read from bytes equals the same content read from a string.</summary>
    public bool Equals(TaxiiContent? other) =>
        other is not null && Kind == other.Kind && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Kind, Value);

    /// <summary>The UTF-8 bytes the content was made from, if it was made from bytes.</summary>
    internal bool TryGetUtf8(out ReadOnlyMemory<byte> utf8)
    {
        utf8 = _utf8;
        return _fromUtf8;
    }
}
