using System.Xml;

namespace Taxii.Protocol.Query;

/// <summary>
/// A compiled <see cref="DefaultQuery"/> (from <see cref="DefaultQueryEvaluator"/>): decides whether a content block
/// matches. Immutable and thread-safe, so compile a poll's or subscription's query once and reuse it for every block.
/// </summary>
/// <remarks>
/// A Criterion is true when at least one node selected by its Target passes its Test. [Q] §3.3 (Query Evaluation) defines
/// AND/OR and negate but, as far as we could check (the PDF was not available offline; the checklist's §7 is silent),
/// not how several selected nodes combine; "any node" is what MITRE's reference server django-taxii-services does
/// (query_handlers/base_handlers.py turns each Criterion into an XPath predicate and tests for a non-empty node set).
/// Consequences: with no node selected a value test is false, so <c>negate</c> turns it into "no selected node passes";
/// <c>does_not_exist</c> look only at whether a node is selected. Element values are the element's own text, trimmed.
/// </remarks>
public sealed class DefaultQueryMatcher
{
    private static readonly XmlReaderSettings ContentSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    private readonly CompiledCriterion[] _criteria;
    private readonly CompiledCriteria _root;

    internal DefaultQueryMatcher(DefaultQuery query, CompiledCriterion[] criteria, CompiledCriteria root)
    {
        Query = query;
        _criteria = criteria;
        _root = root;
    }

    /// <summary>The query this matcher was compiled from.</summary>
    public DefaultQuery Query { get; }

    /// <summary>Whether the XML document <paramref name="xmlContent"/> (for example a STIX_Package) matches.</summary>
    /// <exception cref="XmlException">The content is not well-formed, has a DTD, or nests deeper than 512 levels.</exception>
    public bool Matches(string xmlContent)
    {
        ArgumentNullException.ThrowIfNull(xmlContent);
        using var reader = XmlReader.Create(new StringReader(xmlContent), ContentSettings);
        reader.MoveToContent();
        return Evaluate(reader, drain: false);
    }

    /// <summary>
    /// Whether the element the reader is on (or, for a new reader, the document element) matches; the reader ends on
    /// that element's end tag (on the element itself when it is empty), as after <see cref="XmlReader.ReadSubtree"/>.
    /// Create the reader with DTD processing prohibited and no resolver.
    /// </summary>
    public bool Matches(XmlReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.MoveToContent();
        return Evaluate(reader, drain: true);
    }

    private bool Evaluate(XmlReader reader, bool drain) =>
        _root.Evaluate(new ContentScanner(_criteria).Scan(reader, drain));
}
