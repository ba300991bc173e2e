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

    private TaxiiContent(TaxiiContentKind kind, string value)
    {
        Kind = kind;
        Value = value;
    }

    public TaxiiContentKind Kind { get; }

    public string Value { get; }

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
}
