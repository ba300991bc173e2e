using System.Xml;
using System.Xml.Linq;

namespace Taxii.Feeds.ContentTypes.Stix;

/// <summary>
/// A STIX 1.x package loaded as a tree, with every element that has an <c>id</c> indexed. A tree rather than a
/// forward-only pass because <c>idref</c>s point anywhere in the package, before or after their target. Packages are
/// at most MaxBlobSize (the <see cref="IContentReader"/> contract), and feed ingest is a background job, not a
/// request path. The tree is built here from a hardened <see cref="XmlReader"/> so that depth is bounded while it
/// is read and each <c>xsi:type</c> QName is resolved against the namespaces in scope where it was written.
/// </summary>
internal sealed class StixDocument
{
    /// <summary>Real packages nest about 20 deep; the bound keeps the recursive walks over the tree shallow.</summary>
    public const int MaxDepth = 128;

    public const string CoreNamespace = StixNamespaces.Core;

    private static readonly XmlReaderSettings Settings = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,

        // with DTDs prohibited no entity can be declared, so nothing expands; 0 (the default) is moot here
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    private static readonly XName IdName = "id";
    private static readonly XName XsiTypeName = XNamespace.Get(StixNamespaces.Xsi) + "type";

    private readonly Dictionary<string, XElement> _byId;

    private StixDocument(XElement root, Dictionary<string, XElement> byId)
    {
        Root = root;
        _byId = byId;
    }

    public XElement Root { get; }

    /// <summary>The element with this <c>id</c>; the first one when a package repeats an id.</summary>
    public XElement? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The resolved <c>xsi:type</c> of an element, when it has one whose prefix was declared.</summary>
    public static XName? TypeOf(XElement element) => element.Annotation<XsiType>()?.Name;

    public static async Task<StixDocument> LoadAsync(Stream package, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = XmlReader.Create(package, Settings);
            return await LoadAsync(reader, cancellationToken);
        }
        catch (XmlException e)
        {
            throw new ContentReadException($"not well-formed XML (line {e.LineNumber}, position {e.LinePosition}): {e.Message}", e);
        }
    }

    private static async Task<StixDocument> LoadAsync(XmlReader reader, CancellationToken cancellationToken)
    {
        XElement? root = null;
        var open = new Stack<XElement>();
        var byId = new Dictionary<string, XElement>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var element = ReadElement(reader, byId);
                    if (root is null)
                    {
                        CheckRoot(element);
                        root = element;
                    }
                    else
                    {
                        open.Peek().Add(element);
                    }

                    if (!reader.IsEmptyElement)
                    {
                        open.Push(element);
                    }

                    break;
                case XmlNodeType.EndElement:
                    open.Pop();
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace when open.Count > 0:
                    open.Peek().Add(new XText(reader.Value));
                    break;
            }
        }

        return root is null
            ? throw new ContentReadException("the package is empty: no root element")
            : new StixDocument(root, byId);
    }

    private static XElement ReadElement(XmlReader reader, Dictionary<string, XElement> byId)
    {
        if (reader.Depth >= MaxDepth)
        {
            var line = reader is IXmlLineInfo info ? info.LineNumber : 0;
            throw new ContentReadException($"elements nest deeper than {MaxDepth} levels (line {line})");
        }

        var element = new XElement(XNamespace.Get(reader.NamespaceURI) + reader.LocalName);
        string? xsiType = null;
        while (reader.MoveToNextAttribute())
        {
            // namespace declarations are used here, through LookupNamespace, and not kept
            if (reader.NamespaceURI == "http://www.w3.org/2000/xmlns/")
            {
                continue;
            }

            var name = XNamespace.Get(reader.NamespaceURI) + reader.LocalName;
            element.SetAttributeValue(name, reader.Value);
            if (name == XsiTypeName)
            {
                xsiType = reader.Value;
            }
        }

        reader.MoveToElement();
        if (xsiType is not null && Resolve(reader, xsiType.Trim()) is { } type)
        {
            element.AddAnnotation(new XsiType(type));
        }

        if (element.Attribute(IdName)?.Value is { Length: > 0 } id)
        {
            byId.TryAdd(id, element);
        }

        return element;
    }

    private static XName? Resolve(XmlReader reader, string qname)
    {
        var colon = qname.IndexOf(':');
        var prefix = colon < 0 ? string.Empty : qname[..colon];
        var local = qname[(colon + 1)..];
        var ns = reader.LookupNamespace(prefix);
        return ns is null || local.Length == 0 ? null : XNamespace.Get(ns) + local;
    }

    /// <summary>Refuses anything but a STIX package before the rest of the document is read.</summary>
    private static void CheckRoot(XElement root)
    {
        if (root.Name != XNamespace.Get(CoreNamespace) + "STIX_Package")
        {
            var ns = root.Name.NamespaceName.Length == 0 ? "no namespace" : root.Name.NamespaceName;
            throw new ContentReadException(
                $"the root element is {root.Name.LocalName} ({ns}), not STIX_Package ({CoreNamespace})");
        }

        // STIX 1.0 samples omit the attribute; anything that says it is not 1.x is another format
        if (root.Attribute("version")?.Value is { } version && !version.Trim().StartsWith("1.", StringComparison.Ordinal)
            && version.Trim() != "1")
        {
            throw new ContentReadException($"STIX version '{version}' is not 1.x");
        }
    }

    private sealed record XsiType(XName Name);
}
