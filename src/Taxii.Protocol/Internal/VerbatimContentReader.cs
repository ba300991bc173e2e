using System.Text;
using System.Xml;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Internal;

/// <summary>
/// Reads the Content of a Content_Block as it was written: a TAXII server is a transport, so XML content is the
/// source text of the Content element's children, from the first to the last character that is not whitespace
/// (whitespace around them is the envelope's formatting), with declarations, references, comments, CDATA sections,
/// processing instructions and line ends untouched. Each top-level element gets, right after its name, declarations
/// of exactly the envelope namespaces it relies on (<see cref="NamespaceReliance"/>), so the stored text stands alone;
/// a block that declares everything it uses comes back byte for byte. Text content (no element) is its decoded text.
/// </summary>
/// <remarks>
/// The reader walks the content as before (depth limit, well-formedness, which namespaces are used); the text itself
/// is cut from the characters <see cref="SourceText"/> kept, by <see cref="MarkupScanner"/>.
/// </remarks>
internal static class VerbatimContentReader
{
    public static async ValueTask<TaxiiContent> ReadAsync(TaxiiXmlReader r)
    {
        var inner = r.Inner;
        // the scanner stands right after this Content's start tag: the reader stepped here with NextChildAsync
        var scanner = r.Source.Scanner;
        if (inner.IsEmptyElement)
        {
            await inner.ReadAsync().ConfigureAwait(false);
            return TaxiiContent.Empty;
        }

        var baseDepth = inner.Depth;
        var reliance = r.Reliance;
        reliance.Start(inner);
        var elements = r.TopLevelElements;
        elements.Clear();
        string? firstText = null;
        StringBuilder? moreText = null;

        await inner.ReadAsync().ConfigureAwait(false);
        while (inner.NodeType != XmlNodeType.EndElement || inner.Depth > baseDepth)
        {
            var depth = inner.Depth - baseDepth;
            switch (inner.NodeType)
            {
                case XmlNodeType.Element:
                    r.CheckContentDepth(depth);
                    if (depth == 1)
                    {
                        reliance.BeginTopLevel();
                    }

                    var empty = inner.IsEmptyElement;
                    reliance.Element(inner, depth);
                    if (empty && depth == 1)
                    {
                        elements.Add(new TopLevelElement(inner.Prefix, inner.LocalName, reliance.EndTopLevel()));
                    }

                    break;
                case XmlNodeType.EndElement:
                    reliance.EndElement(depth);
                    if (depth == 1)
                    {
                        elements.Add(new TopLevelElement(inner.Prefix, inner.LocalName, reliance.EndTopLevel()));
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace or XmlNodeType.CDATA
                    when depth == 1 && elements.Count == 0:
                    // text content is kept as its text; once an element has been seen the content is XML, cut from the source.
                    // A long text node is parsed lazily: Value would finish it with synchronous reads of the stream.
                    ContentReader.Append(ref firstText, ref moreText, await inner.GetValueAsync().ConfigureAwait(false));
                    break;
                case XmlNodeType.None:
                    throw r.Fail("unexpected end of document");
                default:
                    break;
            }

            await inner.ReadAsync().ConfigureAwait(false);
        }

        if (elements.Count == 0)
        {
            await inner.ReadAsync().ConfigureAwait(false);
            return TaxiiContent.FromText(moreText?.ToString() ?? firstText ?? string.Empty);
        }

        // cut before the reader moves on, while the source still holds all of it; the text is a subtree the reader
        // has just checked, with the declarations it needs, so it is well-formed and self-contained
        var xml = scanner.CutContent(elements);
        await inner.ReadAsync().ConfigureAwait(false);
        return TaxiiContent.FromValidatedXml(xml);
    }
}
