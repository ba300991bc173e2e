using System.Xml;
using System.Xml.Schema;

namespace Taxii.Protocol.Internal;

/// <summary>
/// A synchronous <see cref="XmlReader"/> offered through the async API the codec reads with, for a body that is already
/// in memory (<see cref="SourceText.BufferAllAsync"/>): every async call completes at once, as nothing can wait. It
/// spares what an async reader costs per document: a 64K-character buffer (128 KiB, on the large object heap, which
/// only a full collection frees), against 4K characters for a synchronous one. Every other member is the inner reader's.
/// </summary>
internal sealed class BufferedXmlReader : XmlReader, IXmlLineInfo, IXmlNamespaceResolver
{
    private static readonly Task<bool> True = Task.FromResult(true);
    private static readonly Task<bool> False = Task.FromResult(false);

    private readonly XmlReader _inner;
    private readonly XmlReaderSettings _settings;

    public BufferedXmlReader(XmlReader inner)
    {
        _inner = inner;
        // what callers see: a reader they may call asynchronously, as with the async reader it stands in for
        _settings = inner.Settings?.Clone() ?? new XmlReaderSettings();
        _settings.Async = true;
    }

    public override XmlReaderSettings Settings => _settings;

    public override int AttributeCount => _inner.AttributeCount;

    public override string BaseURI => _inner.BaseURI;

    public override int Depth => _inner.Depth;

    public override bool EOF => _inner.EOF;

    public override bool HasValue => _inner.HasValue;

    public override bool IsDefault => _inner.IsDefault;

    public override bool IsEmptyElement => _inner.IsEmptyElement;

    public override string LocalName => _inner.LocalName;

    public override string Name => _inner.Name;

    public override string NamespaceURI => _inner.NamespaceURI;

    public override XmlNameTable NameTable => _inner.NameTable;

    public override XmlNodeType NodeType => _inner.NodeType;

    public override string Prefix => _inner.Prefix;

    public override char QuoteChar => _inner.QuoteChar;

    public override ReadState ReadState => _inner.ReadState;

    public override IXmlSchemaInfo? SchemaInfo => _inner.SchemaInfo;

    public override string Value => _inner.Value;

    public override Type ValueType => _inner.ValueType;

    public override string XmlLang => _inner.XmlLang;

    public override XmlSpace XmlSpace => _inner.XmlSpace;

    public override bool CanReadBinaryContent => _inner.CanReadBinaryContent;

    public override bool CanReadValueChunk => _inner.CanReadValueChunk;

    public override bool CanResolveEntity => _inner.CanResolveEntity;

    public int LineNumber => _inner is IXmlLineInfo info ? info.LineNumber : 0;

    public int LinePosition => _inner is IXmlLineInfo info ? info.LinePosition : 0;

    public bool HasLineInfo() => _inner is IXmlLineInfo info && info.HasLineInfo();

    public override string GetAttribute(int i) => _inner.GetAttribute(i);

    public override string? GetAttribute(string name) => _inner.GetAttribute(name);

    public override string? GetAttribute(string name, string? namespaceURI) => _inner.GetAttribute(name, namespaceURI);

    public override string? LookupNamespace(string prefix) => _inner.LookupNamespace(prefix);

    public IDictionary<string, string> GetNamespacesInScope(XmlNamespaceScope scope) =>
        _inner is IXmlNamespaceResolver resolver ? resolver.GetNamespacesInScope(scope) : new Dictionary<string, string>();

    public string? LookupPrefix(string namespaceName) => _inner is IXmlNamespaceResolver resolver ? resolver.LookupPrefix(namespaceName) : null;

    public override void MoveToAttribute(int i) => _inner.MoveToAttribute(i);

    public override bool MoveToAttribute(string name) => _inner.MoveToAttribute(name);

    public override bool MoveToAttribute(string name, string? ns) => _inner.MoveToAttribute(name, ns);

    public override bool MoveToElement() => _inner.MoveToElement();

    public override bool MoveToFirstAttribute() => _inner.MoveToFirstAttribute();

    public override bool MoveToNextAttribute() => _inner.MoveToNextAttribute();

    public override XmlNodeType MoveToContent() => _inner.MoveToContent();

    public override bool Read() => _inner.Read();

    public override bool ReadAttributeValue() => _inner.ReadAttributeValue();

    public override void ResolveEntity() => _inner.ResolveEntity();

    public override void Skip() => _inner.Skip();

    public override string ReadElementContentAsString() => _inner.ReadElementContentAsString();

    public override string ReadContentAsString() => _inner.ReadContentAsString();

    public override string ReadInnerXml() => _inner.ReadInnerXml();

    public override string ReadOuterXml() => _inner.ReadOuterXml();

    public override int ReadValueChunk(char[] buffer, int index, int count) => _inner.ReadValueChunk(buffer, index, count);

    public override Task<bool> ReadAsync() => _inner.Read() ? True : False;

    public override Task SkipAsync()
    {
        _inner.Skip();
        return Task.CompletedTask;
    }

    public override Task<XmlNodeType> MoveToContentAsync() => Task.FromResult(_inner.MoveToContent());

    public override Task<string> GetValueAsync() => Task.FromResult(_inner.Value);

    public override Task<string> ReadElementContentAsStringAsync() => Task.FromResult(_inner.ReadElementContentAsString());

    public override Task<string> ReadContentAsStringAsync() => Task.FromResult(_inner.ReadContentAsString());

    public override Task<string> ReadInnerXmlAsync() => Task.FromResult(_inner.ReadInnerXml());

    public override Task<string> ReadOuterXmlAsync() => Task.FromResult(_inner.ReadOuterXml());

    public override Task<int> ReadValueChunkAsync(char[] buffer, int index, int count) =>
        Task.FromResult(_inner.ReadValueChunk(buffer, index, count));

    public override void Close() => _inner.Close();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
