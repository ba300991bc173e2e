using System.Text;
using System.Xml;

namespace Taxii.Protocol.Query;

/// <summary>
/// Reads and writes <c>tdq:Default_Query</c> and <c>tdq:Default_Query_Info</c>. The protocol model carries them as the
/// verbatim outer XML of the query element (<c>TaxiiQuery.Xml</c>, <c>SupportedQuery.Xml</c>), so the entry points take
/// and return that string; the XmlReader/XmlWriter overloads let a message codec work inside its own stream.
/// </summary>
/// <remarks>
/// Parsing is strict about structure (what the XSD requires, plus [Q]'s "at least one scope") and lenient about
/// parameter values: whether a relationship or parameter is meaningful is decided by
/// <see cref="DefaultQueryEvaluator.Compile(DefaultQuery, IEnumerable{string})"/>, which knows what the service supports.
/// Every failure is a <see cref="DefaultQueryException"/>, never an XmlException.
/// </remarks>
public static class DefaultQueryXml
{
    /// <summary>Deepest Criteria nesting accepted; real queries nest a few levels, and recursion must stay bounded.</summary>
    public const int MaxCriteriaDepth = 32;

    /// <summary>Most Criteria + Criterion elements in one query; each Criterion costs work for every content block.</summary>
    public const int MaxCriteriaNodes = 1024;

    // a query is a few kilobytes; the cap keeps a hostile one from growing without bound before structure checks fail
    private const long MaxCharacters = 1024 * 1024;

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersInDocument = MaxCharacters,
    };

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        OmitXmlDeclaration = true,
        Indent = false,
        Encoding = new UTF8Encoding(false),
    };

    /// <summary>Parses the outer XML of a <c>tdq:Default_Query</c> element.</summary>
    /// <exception cref="DefaultQueryException">BAD_MESSAGE when malformed; UNSUPPORTED_QUERY when the root element is
    /// not in the Default Query namespace.</exception>
    public static DefaultQuery Parse(string xml) => ParseString(xml, DefaultQueryReader.ReadQuery);

    /// <summary>Parses a query that arrived as <c>Query/@format_id</c> plus its body, checking the format id first.</summary>
    /// <exception cref="DefaultQueryException">UNSUPPORTED_QUERY (detail SUPPORTED_QUERY) for another format id.</exception>
    public static DefaultQuery Parse(string formatId, string xml)
    {
        ArgumentNullException.ThrowIfNull(formatId);
        if (!string.Equals(formatId, DefaultQueryNames.FormatId, StringComparison.Ordinal))
        {
            throw new DefaultQueryException(
                DefaultQueryStatus.UnsupportedQuery,
                $"Query format '{formatId}' is not supported; only '{DefaultQueryNames.FormatId}' is.",
                new Dictionary<string, IReadOnlyList<string>>
                {
                    [DefaultQueryStatus.SupportedQueryDetail] = [DefaultQueryNames.FormatId],
                });
        }

        return Parse(xml);
    }

    /// <summary>
    /// Reads the <c>tdq:Default_Query</c> element the reader is on (after <c>MoveToContent</c>), leaving the reader just
    /// past its end tag. Create the reader with DTD processing prohibited.
    /// </summary>
    public static DefaultQuery Read(XmlReader reader) => ReadElement(reader, DefaultQueryReader.ReadQuery);

    /// <summary>Parses the outer XML of a <c>tdq:Default_Query_Info</c> element.</summary>
    public static DefaultQueryInfo ParseInfo(string xml) => ParseString(xml, DefaultQueryReader.ReadInfo);

    /// <summary>Reads the <c>tdq:Default_Query_Info</c> element the reader is on, leaving it just past its end tag.</summary>
    public static DefaultQueryInfo ReadInfo(XmlReader reader) => ReadElement(reader, DefaultQueryReader.ReadInfo);

    /// <summary>Writes <paramref name="query"/> as a <c>tdq:Default_Query</c> element.</summary>
    public static void Write(XmlWriter writer, DefaultQuery query)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(query);
        DefaultQueryWriter.WriteQuery(writer, query);
    }

    /// <summary>Writes <paramref name="info"/> as a <c>tdq:Default_Query_Info</c> element.</summary>
    public static void Write(XmlWriter writer, DefaultQueryInfo info)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(info);
        DefaultQueryWriter.WriteInfo(writer, info);
    }

    /// <summary>The outer XML of <paramref name="query"/>, declaring the tdq namespace on its root (no XML declaration).</summary>
    public static string ToXml(DefaultQuery query) => WriteString(w => Write(w, query));

    /// <summary>The outer XML of <paramref name="info"/>, declaring the tdq namespace on its root.</summary>
    public static string ToXml(DefaultQueryInfo info) => WriteString(w => Write(w, info));

    private static T ParseString<T>(string xml, Func<XmlReader, T> read)
    {
        ArgumentNullException.ThrowIfNull(xml);
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), ReaderSettings);
            reader.MoveToContent();
            var result = read(reader);

            // the rest must be well-formed and hold no second element (one query per string)
            while (reader.Read())
            {
                if (reader.NodeType is XmlNodeType.Element or XmlNodeType.Text or XmlNodeType.CDATA)
                {
                    throw DefaultQueryException.BadMessage($"Unexpected {reader.NodeType} after the query element.");
                }
            }

            return result;
        }
        catch (XmlException e)
        {
            throw DefaultQueryException.BadMessage($"The query is not well-formed XML: {e.Message}", e);
        }
    }

    private static T ReadElement<T>(XmlReader reader, Func<XmlReader, T> read)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            reader.MoveToContent();
            return read(reader);
        }
        catch (XmlException e)
        {
            throw DefaultQueryException.BadMessage($"The query is not well-formed XML: {e.Message}", e);
        }
    }

    private static string WriteString(Action<XmlWriter> write)
    {
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, WriterSettings))
        {
            write(writer);
        }

        return text.ToString();
    }
}
