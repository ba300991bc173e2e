using System.Text;
using System.Xml;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Internal;

/// <summary>
/// Copies the mixed content of an envelope element the codec interprets or hands on as a value (Query,
/// Supported_Query, Extended_Header, Status_Detail) without losing its infoset: it is re-serialized, with every
/// in-scope namespace re-declared on each top-level element so the fragment stands alone; comments, processing
/// instructions and CDATA sections are kept. The one exception is the binding of the TAXII envelope namespaces
/// themselves, which would stamp the value with the version it happened to arrive in. The Content of a
/// Content_Block is not copied this way but cut from the source (<see cref="VerbatimContentReader"/>).
/// </summary>
internal static class ContentReader
{
    private const string XmlnsUri = "http://www.w3.org/2000/xmlns/";

    public static async ValueTask<TaxiiContent> ReadAsync(TaxiiXmlReader r)
    {
        var inner = r.Inner;
        if (inner.IsEmptyElement)
        {
            await inner.ReadAsync().ConfigureAwait(false);
            return TaxiiContent.Empty;
        }

        var baseDepth = inner.Depth;
        var buffer = r.ContentBuffer;
        var w = buffer.Writer;
        string? firstText = null;
        StringBuilder? moreText = null;
        var sawElement = false;

        await inner.ReadAsync().ConfigureAwait(false);
        while (inner.NodeType != XmlNodeType.EndElement || inner.Depth > baseDepth)
        {
            var depth = inner.Depth - baseDepth;
            switch (inner.NodeType)
            {
                case XmlNodeType.Element:
                    r.CheckContentDepth(depth);
                    sawElement = true;
                    var empty = inner.IsEmptyElement;
                    w.WriteStartElement(inner.Prefix, inner.LocalName, inner.NamespaceURI);
                    CopyAttributes(inner, w, topLevel: depth == 1);
                    if (empty)
                    {
                        w.WriteEndElement();
                    }

                    break;
                case XmlNodeType.EndElement:
                    w.WriteFullEndElement();
                    break;
                case XmlNodeType.Text or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    // a long text node is parsed lazily: Value would finish it with synchronous reads of the stream
                    var text = await inner.GetValueAsync().ConfigureAwait(false);
                    w.WriteString(text);
                    if (depth == 1)
                    {
                        Append(ref firstText, ref moreText, text);
                    }

                    break;
                case XmlNodeType.CDATA:
                    var data = await inner.GetValueAsync().ConfigureAwait(false);
                    w.WriteCData(data);
                    if (depth == 1)
                    {
                        Append(ref firstText, ref moreText, data);
                    }

                    break;
                case XmlNodeType.Comment:
                    w.WriteComment(await inner.GetValueAsync().ConfigureAwait(false));
                    break;
                case XmlNodeType.ProcessingInstruction:
                    w.WriteProcessingInstruction(inner.Name, await inner.GetValueAsync().ConfigureAwait(false));
                    break;
                case XmlNodeType.None:
                    throw r.Fail("unexpected end of document");
                default:
                    break;
            }

            await inner.ReadAsync().ConfigureAwait(false);
        }

        // consume the end tag of the container itself
        await inner.ReadAsync().ConfigureAwait(false);
        if (!sawElement)
        {
            buffer.Reset();
            return TaxiiContent.FromText(moreText?.ToString() ?? firstText ?? string.Empty);
        }

        // whitespace around the top-level elements is formatting of the envelope, not content; the text is the
        // serialization of a subtree just parsed, so it is well-formed already
        return TaxiiContent.FromValidatedXml(buffer.Take());
    }

    public static void Append(ref string? first, ref StringBuilder? more, string text)
    {
        if (first is null)
        {
            first = text;
        }
        else
        {
            (more ??= new StringBuilder(first)).Append(text);
        }
    }

    private static void CopyAttributes(XmlReader inner, XmlWriter w, bool topLevel)
    {
        if (topLevel)
        {
            // in-scope declarations of ancestors (the envelope included) are re-declared, sorted for a stable form
            var scope = ((IXmlNamespaceResolver)inner).GetNamespacesInScope(XmlNamespaceScope.ExcludeXml);
            foreach (var (prefix, uri) in scope.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (uri is Xml.V11.Names.Namespace or Xml.V10.Names.Namespace)
                {
                    continue;
                }

                if (prefix.Length == 0)
                {
                    if (uri.Length > 0)
                    {
                        w.WriteAttributeString("xmlns", uri);
                    }
                }
                else
                {
                    w.WriteAttributeString("xmlns", prefix, XmlnsUri, uri);
                }
            }
        }

        if (!inner.MoveToFirstAttribute())
        {
            return;
        }

        do
        {
            var isDeclaration = inner.NamespaceURI == XmlnsUri;
            if (isDeclaration && topLevel)
            {
                continue;
            }

            if (isDeclaration && inner.Prefix.Length == 0)
            {
                w.WriteAttributeString("xmlns", inner.Value);
            }
            else
            {
                w.WriteAttributeString(inner.Prefix, inner.LocalName, inner.NamespaceURI, inner.Value);
            }
        }
        while (inner.MoveToNextAttribute());

        inner.MoveToElement();
    }
}
