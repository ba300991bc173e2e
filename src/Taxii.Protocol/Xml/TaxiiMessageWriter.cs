using System.Text;
using System.Xml;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml;

/// <summary>
/// Writes model messages as TAXII 1.1 or 1.0 XML that validates against that version's XSD. A message the version
/// cannot express (a Poll_Fulfillment in 1.0, a 1.0 message_id that is not digits-only, ...) throws
/// <see cref="NotSupportedException"/> before anything reaches the body.
/// </summary>
public static class TaxiiMessageWriter
{
    // XmlWriter is synchronous and fast; it fills a memory buffer that is copied to the body asynchronously,
    // so a Kestrel body (which refuses synchronous writes) never sees a blocking call
    private const int FlushThreshold = 32 * 1024;

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        // carriage returns in text content survive the round trip as &#xD;
        NewLineHandling = NewLineHandling.Entitize,
        CloseOutput = false,
    };

    public static async ValueTask WriteAsync(Stream body, ITaxiiMessage message, TaxiiVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(message);
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, Settings))
        {
            if (version == TaxiiVersion.V11)
            {
                V11.MessageWriter.Write(w, message);
            }
            else
            {
                V10.MessageWriter.Write(w, message);
            }
        }

        await body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Streams a Poll_Response: the header first, then each block as it arrives, flushed to the body every
    /// ~32 KiB, so memory does not grow with the number of blocks.
    /// </summary>
    public static ValueTask WritePollResponseAsync(Stream body, PollResponseHeader header, IAsyncEnumerable<ContentBlock> blocks,
        TaxiiVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(header);
        return WriteStreamingAsync(body, blocks, version, w =>
        {
            if (version == TaxiiVersion.V11)
            {
                V11.PollResponseWriter.WriteStart(w, header);
            }
            else
            {
                V10.PollResponseWriter.WriteStart(w, header);
            }
        }, cancellationToken);
    }

    /// <summary>Streams an Inbox_Message: every field of <paramref name="header"/> but its ContentBlocks, then <paramref name="blocks"/>.</summary>
    public static ValueTask WriteInboxMessageAsync(Stream body, InboxMessage header, IAsyncEnumerable<ContentBlock> blocks,
        TaxiiVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header.ContentBlocks.Count > 0)
        {
            throw new ArgumentException("the header's ContentBlocks must be empty; pass the blocks separately", nameof(header));
        }

        return WriteStreamingAsync(body, blocks, version, w =>
        {
            if (version == TaxiiVersion.V11)
            {
                V11.InboxMessageWriter.WriteStart(w, header);
            }
            else
            {
                V10.InboxMessageWriter.WriteStart(w, header);
            }
        }, cancellationToken);
    }

    private static async ValueTask WriteStreamingAsync(Stream body, IAsyncEnumerable<ContentBlock> blocks, TaxiiVersion version,
        Action<XmlWriter> writeStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(blocks);
        using var buffer = new MemoryStream(FlushThreshold * 2);
        using var w = XmlWriter.Create(buffer, Settings);
        writeStart(w);
        await foreach (var block in blocks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (version == TaxiiVersion.V11)
            {
                V11.CommonWriter.ContentBlock(w, block, buffer);
            }
            else
            {
                V10.CommonWriter.ContentBlock(w, block, buffer);
            }

            w.Flush();
            if (buffer.Length >= FlushThreshold)
            {
                await DrainAsync(buffer, body, cancellationToken).ConfigureAwait(false);
            }
        }

        w.WriteEndElement();
        w.Flush();
        await DrainAsync(buffer, body, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask DrainAsync(MemoryStream buffer, Stream body, CancellationToken cancellationToken)
    {
        await body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
        buffer.SetLength(0);
    }
}
