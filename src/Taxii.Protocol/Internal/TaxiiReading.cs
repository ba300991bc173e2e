using System.Xml;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Xml;

namespace Taxii.Protocol.Internal;

/// <summary>Opens untrusted bodies safely and finds out which TAXII version they speak.</summary>
internal static class TaxiiReading
{
    public static XmlReaderSettings Settings(TaxiiReaderOptions options, bool async) => new()
    {
        Async = async,
        // no DTD at all: XXE and entity expansion (billion laughs) are refused before anything is expanded
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = options.MaxCharactersInDocument,
        IgnoreComments = false,
        IgnoreWhitespace = false,
        // the reader reads a SourceText, which it may close; the SourceText leaves the caller's body open
        CloseInput = true,
    };

    public static TaxiiProtocolException NotWellFormed(XmlException ex) =>
        new(StatusType.BadMessage, "not well-formed XML: " + ex.Message, ex);

    public static async ValueTask<(TaxiiXmlReader Reader, TaxiiVersion Version)> OpenAsync(
        Stream body, TaxiiVersion? expected, TaxiiReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(body);
        var source = new SourceText(body);
        XmlReader? xml = null;
        try
        {
            // most messages are small (a discovery, a poll request, an inbox message of one block): read whole first,
            // they are parsed by a synchronous reader, which costs far less memory per message than an async one
            xml = await source.BufferAllAsync().ConfigureAwait(false)
                ? new BufferedXmlReader(XmlReader.Create(source, Settings(options, async: false)))
                : XmlReader.Create(source, Settings(options, async: true));
            if (await xml.MoveToContentAsync().ConfigureAwait(false) != XmlNodeType.Element)
            {
                throw new TaxiiProtocolException(StatusType.BadMessage, "the body holds no XML element");
            }

            var (version, ns) = xml.NamespaceURI switch
            {
                Xml.V11.Names.Namespace => (TaxiiVersion.V11, Xml.V11.Names.Ns),
                Xml.V10.Names.Namespace => (TaxiiVersion.V10, Xml.V10.Names.Ns),
                var other => throw new TaxiiProtocolException(StatusType.BadMessage,
                    $"{xml.LocalName}: namespace '{other}' is not a TAXII 1.0 or 1.1 message namespace"),
            };
            if (expected is { } e && e != version)
            {
                throw new TaxiiProtocolException(StatusType.BadMessage,
                    $"{xml.LocalName}: a TAXII {Name(version)} message where TAXII {Name(e)} was expected")
                {
                    MessageId = EnvelopeReading.ReadableMessageId(xml, version, options),
                };
            }

            return (new TaxiiXmlReader(xml, source, ns, options), version);
        }
        catch (XmlException ex)
        {
            Close(xml, source);
            throw NotWellFormed(ex);
        }
        catch
        {
            Close(xml, source);
            throw;
        }
    }

    // the reader closes its source; without a reader (the body failed before one was made) the source is closed alone
    private static void Close(XmlReader? xml, SourceText source)
    {
        if (xml is null)
        {
            source.Dispose();
        }
        else
        {
            xml.Dispose();
        }
    }

    /// <summary>After the root element: only comments, PIs and whitespace may follow.</summary>
    public static async ValueTask ExpectEndAsync(XmlReader xml)
    {
        try
        {
            while (await xml.ReadAsync().ConfigureAwait(false))
            {
            }
        }
        catch (XmlException ex)
        {
            throw NotWellFormed(ex);
        }
    }

    public static string Name(TaxiiVersion version) => version == TaxiiVersion.V10 ? "1.0" : "1.1";
}
