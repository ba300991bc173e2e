using System.IO.Pipelines;
using System.Text;
using System.Xml;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml;

/// <summary>
/// Writes model messages as TAXII 1.1 or 1.0 XML that validates against that version's XSD. A message the version
/// cannot express (a Poll_Fulfillment in 1.0, a 1.0 message_id that is not digits-only, ...) throws
/// <see cref="NotSupportedException"/> before anything reaches the body.
/// </summary>
public static class TaxiiMessageWriter
{
    // XmlWriter is synchronous and fast; it fills a memory buffer (a message) or the pipe's buffers (a stream of blocks)
    // that are flushed to the body asynchronously, so a Kestrel body (which refuses synchronous writes) never sees a
    // blocking call
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
        TaxiiVersion version, CancellationToken cancellationToken) =>
        OverStreamAsync(body, pipe => WritePollResponseAsync(pipe, header, blocks, version, cancellationToken));

    /// <summary>
    /// <see cref="WritePollResponseAsync(Stream, PollResponseHeader, IAsyncEnumerable{ContentBlock}, TaxiiVersion, CancellationToken)"/>
    /// into a pipe (a server's response body): the XML goes into the pipe's own buffers, stored UTF-8 content is copied
    /// into them once, and the pipe is flushed every ~32 KiB. Stops early if the pipe's reader has gone.
    /// </summary>
    public static ValueTask WritePollResponseAsync(PipeWriter body, PollResponseHeader header, IAsyncEnumerable<ContentBlock> blocks,
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

        return OverStreamAsync(body, pipe => WriteStreamingAsync(pipe, blocks, version, w =>
        {
            if (version == TaxiiVersion.V11)
            {
                V11.InboxMessageWriter.WriteStart(w, header);
            }
            else
            {
                V10.InboxMessageWriter.WriteStart(w, header);
            }
        }, cancellationToken));
    }

    // a pipe over the stream, left open: the pipe's buffers take the place of a buffer of our own
    private static async ValueTask OverStreamAsync(Stream body, Func<PipeWriter, ValueTask> write)
    {
        ArgumentNullException.ThrowIfNull(body);
        var pipe = PipeWriter.Create(body, new StreamPipeWriterOptions(leaveOpen: true));
        try
        {
            await write(pipe).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await pipe.CompleteAsync(e).ConfigureAwait(false);
            throw;
        }

        await pipe.CompleteAsync().ConfigureAwait(false);
    }

    private static async ValueTask WriteStreamingAsync(PipeWriter body, IAsyncEnumerable<ContentBlock> blocks, TaxiiVersion version,
        Action<XmlWriter> writeStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(blocks);
        var sink = new PipeSink(body);
        using var w = XmlWriter.Create(sink, Settings);
        try
        {
            writeStart(w);
            await foreach (var block in blocks.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (version == TaxiiVersion.V11)
                {
                    V11.CommonWriter.ContentBlock(w, block, sink);
                }
                else
                {
                    V10.CommonWriter.ContentBlock(w, block, sink);
                }

                // the block's bytes are in the pipe before the next block is asked for: a store may reuse their buffer
                w.Flush();
                if (sink.Unflushed >= FlushThreshold && !await sink.FlushPipeAsync(cancellationToken).ConfigureAwait(false))
                {
                    sink.Discard();
                    return;
                }
            }

            w.WriteEndElement();
            w.Flush();
        }
        catch
        {
            // disposing the writer closes the elements it has open: a message cut short must stay cut short
            sink.Discard();
            throw;
        }

        await sink.FlushPipeAsync(cancellationToken).ConfigureAwait(false);
    }
}
