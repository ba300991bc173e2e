using System.Globalization;
using System.Text;
using System.Xml;

namespace Taxii.Protocol.Internal;

/// <summary>
/// One fragment writer reused for every content element of a document: between blocks the writer stands at
/// the top level with no open element, so clearing its buffer resets it. Creating a writer per block allocated
/// several times the block's own size.
/// </summary>
internal sealed class ContentBuffer
{
    private static readonly XmlWriterSettings FragmentSettings = new()
    {
        ConformanceLevel = ConformanceLevel.Fragment,
        OmitXmlDeclaration = true,
        NewLineHandling = NewLineHandling.None,
        CheckCharacters = false,
    };

    private readonly StringBuilder _xml = new();

    public ContentBuffer() => Writer = XmlWriter.Create(new StringWriter(_xml, CultureInfo.InvariantCulture), FragmentSettings);

    public XmlWriter Writer { get; }

    /// <summary>The fragment written since the last take or reset, without surrounding whitespace.</summary>
    public string Take()
    {
        Writer.Flush();
        var start = 0;
        var end = _xml.Length;
        while (start < end && char.IsWhiteSpace(_xml[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(_xml[end - 1]))
        {
            end--;
        }

        var text = _xml.ToString(start, end - start);
        _xml.Clear();
        return text;
    }

    public void Reset()
    {
        Writer.Flush();
        _xml.Clear();
    }
}
