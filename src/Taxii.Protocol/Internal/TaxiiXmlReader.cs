using System.Globalization;
using System.Xml;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Xml;

namespace Taxii.Protocol.Internal;

/// <summary>
/// Walks a TAXII envelope on an async <see cref="XmlReader"/>: children in XSD order, precise failure reasons
/// with the element path ("Content_Block[3]/Timestamp_Label: ..."), bounded attribute sizes.
/// </summary>
internal sealed class TaxiiXmlReader(XmlReader inner, SourceText source, XmlNs ns, TaxiiReaderOptions options)
{
    private const string SignatureNamespace = "http://www.w3.org/2000/09/xmldsig#";
    private readonly List<string> _path = [];
    private ContentBuffer? _contentBuffer;
    private NamespaceReliance? _reliance;
    private List<TopLevelElement>? _topLevelElements;

    public XmlReader Inner { get; } = inner;

    /// <summary>The characters <see cref="Inner"/> reads, kept for content that is cut from them verbatim.</summary>
    public SourceText Source { get; } = source;

    public XmlNs Ns { get; } = ns;

    public TaxiiReaderOptions Options { get; } = options;

    public string LocalName => Inner.LocalName;

    /// <summary>The fragment writer content elements of this document are copied through.</summary>
    public ContentBuffer ContentBuffer => _contentBuffer ??= new ContentBuffer();

    /// <summary>The namespace tracking verbatim content of this document goes through.</summary>
    public NamespaceReliance Reliance => _reliance ??= new NamespaceReliance();

    /// <summary>The top-level elements of the verbatim content being read.</summary>
    public List<TopLevelElement> TopLevelElements => _topLevelElements ??= [];

    public void Push(string name) => _path.Add(name);

    public void Push(string name, int index) => _path.Add(string.Create(CultureInfo.InvariantCulture, $"{name}[{index}]"));

    public void Pop() => _path.RemoveAt(_path.Count - 1);

    public TaxiiProtocolException Fail(string reason) =>
        new(StatusType.BadMessage, _path.Count == 0 ? reason : string.Join('/', _path) + ": " + reason);

    /// <summary>On an element at <paramref name="depth"/> below a mixed-content container: refuses one nested too deep.</summary>
    public void CheckContentDepth(int depth)
    {
        if (depth > Options.MaxContentDepth)
        {
            throw Fail($"content nested deeper than {Options.MaxContentDepth} elements");
        }
    }

    public TaxiiProtocolException Unexpected() => Fail($"unexpected element {Inner.LocalName}");

    public string RequiredAttribute(string name) =>
        OptionalAttribute(name) ?? throw Fail($"missing attribute {name}");

    public string? OptionalAttribute(string name)
    {
        var value = Inner.GetAttribute(name);
        return value is not null && value.Length > Options.MaxEnvelopeAttributeLength
            ? throw Fail($"attribute {name} longer than {Options.MaxEnvelopeAttributeLength} characters")
            : value;
    }

    public bool? BooleanAttribute(string name) => OptionalAttribute(name) is { } text ? ParseBoolean(text, $"attribute {name}") : null;

    public int PositiveIntegerAttribute(string name, int defaultValue)
    {
        var text = OptionalAttribute(name);
        return text is null ? defaultValue
            : int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
            : throw Fail($"attribute {name} is not a positive integer");
    }

    public bool ParseBoolean(string text, string what) => text.Trim() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw Fail($"{what} is not an xs:boolean"),
    };

    /// <summary>On a start element: steps inside it; false when it is empty (and has been consumed).</summary>
    public async ValueTask<bool> EnterAsync()
    {
        var empty = Inner.IsEmptyElement;
        await Inner.ReadAsync().ConfigureAwait(false);
        return !empty;
    }

    /// <summary>Moves to the next child element in the envelope namespace; false (end tag consumed) at the end.</summary>
    public async ValueTask<bool> NextChildAsync()
    {
        while (true)
        {
            switch (Inner.NodeType)
            {
                case XmlNodeType.Element when Inner.NamespaceURI == Ns.Uri:
                    if (Inner.Depth > Options.MaxEnvelopeDepth)
                    {
                        throw Fail("envelope nested too deep");
                    }

                    // the scanner that cuts verbatim content follows the reader from envelope element to element
                    Source.Follow(Inner);
                    return true;
                case XmlNodeType.Element when Inner.NamespaceURI == SignatureNamespace && Inner.LocalName == "Signature":
                    // signatures are not verified by this codec; the XSD allows one as the last child
                    await Inner.SkipAsync().ConfigureAwait(false);
                    break;
                case XmlNodeType.Element:
                    throw Fail($"unexpected element {{{Inner.NamespaceURI}}}{Inner.LocalName}");
                case XmlNodeType.EndElement:
                    await Inner.ReadAsync().ConfigureAwait(false);
                    return false;
                case XmlNodeType.Text or XmlNodeType.CDATA:
                    throw Fail("unexpected text");
                case XmlNodeType.None:
                    throw Fail("unexpected end of document");
                default:
                    await Inner.ReadAsync().ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>XSD sequence check: <paramref name="position"/> must not come before the last child seen.</summary>
    public int Order(int last, int position, bool repeatable = false) =>
        position > last || (repeatable && position == last)
            ? position
            : throw Fail($"element {Inner.LocalName} out of order or repeated");

    public async ValueTask<string> ReadTextAsync()
    {
        Push(Inner.LocalName);
        var text = await Inner.ReadElementContentAsStringAsync().ConfigureAwait(false);
        Pop();
        return text;
    }

    /// <summary>An xs:anyURI element: surrounding whitespace is collapsed away, as the XSD type does.</summary>
    public async ValueTask<string> ReadUriAsync() => (await ReadTextAsync().ConfigureAwait(false)).Trim();

    public async ValueTask<DateTimeOffset> ReadTimestampAsync()
    {
        Push(Inner.LocalName);
        var text = await Inner.ReadElementContentAsStringAsync().ConfigureAwait(false);
        var value = Timestamps.TryParse(text, out var parsed) ? parsed : throw Fail("not an xs:dateTime with time zone");
        Pop();
        return value;
    }

    public async ValueTask<long> ReadNonNegativeIntegerAsync()
    {
        Push(Inner.LocalName);
        var text = await Inner.ReadElementContentAsStringAsync().ConfigureAwait(false);
        var value = long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw Fail("not a non-negative integer");
        Pop();
        return value;
    }

    public TaxiiProtocolException Missing(string element) => Fail($"missing element {element}");
}
