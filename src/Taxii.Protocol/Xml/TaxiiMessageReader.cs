using System.Xml;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml;

/// <summary>
/// Reads TAXII 1.1 and 1.0 XML messages from untrusted bodies: no DTD, no resolver, bounded size and depth. Every
/// refusal is a <see cref="TaxiiProtocolException"/> (BAD_MESSAGE) naming the element and the reason.
/// </summary>
/// <remarks>
/// <see cref="XmlReader"/>'s async methods take no token: cancellation is checked between messages and content
/// blocks, and a stalled body is the transport's to time out.
/// </remarks>
public static class TaxiiMessageReader
{
    /// <summary>Reads one message of either version; the version comes from the root element's namespace.</summary>
    public static ValueTask<TaxiiMessageRead> ReadAsync(Stream body, CancellationToken cancellationToken) =>
        ReadAsync(body, TaxiiReaderOptions.Default, expected: null, cancellationToken);

    /// <summary>Reads one message and refuses (BAD_MESSAGE) one in the other version's namespace.</summary>
    public static ValueTask<TaxiiMessageRead> ReadAsync(Stream body, TaxiiVersion expected, CancellationToken cancellationToken) =>
        ReadAsync(body, TaxiiReaderOptions.Default, expected, cancellationToken);

    /// <summary>
    /// Reads one message; a refusal raised after the root element carries the root's message_id
    /// (<see cref="TaxiiProtocolException.MessageId"/>) when it could be read.
    /// </summary>
    public static async ValueTask<TaxiiMessageRead> ReadAsync(
        Stream body, TaxiiReaderOptions options, TaxiiVersion? expected, CancellationToken cancellationToken)
    {
        using var root = await OpenAsync(body, options, expected, cancellationToken).ConfigureAwait(false);
        return await root.ReadAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a message's root element only, so that its version and message_id are known before the rest is read (a
    /// server answers whatever stops the reading in response to that message_id); <see cref="TaxiiMessageRoot.ReadAsync"/>
    /// reads the rest.
    /// </summary>
    public static async ValueTask<TaxiiMessageRoot> OpenAsync(
        Stream body, TaxiiReaderOptions options, TaxiiVersion? expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        var (r, version) = await TaxiiReading.OpenAsync(body, expected, options).ConfigureAwait(false);
        return new TaxiiMessageRoot(r, version);
    }

    /// <summary>
    /// Opens a Poll_Response for streaming: the header is read now, the blocks on demand. Any other valid message
    /// (typically a Status_Message) is read whole and thrown as <see cref="TaxiiUnexpectedMessageException"/>.
    /// </summary>
    public static ValueTask<PollResponseStream> OpenPollResponseAsync(Stream body, CancellationToken cancellationToken) =>
        OpenPollResponseAsync(body, TaxiiReaderOptions.Default, cancellationToken);

    public static async ValueTask<PollResponseStream> OpenPollResponseAsync(
        Stream body, TaxiiReaderOptions options, CancellationToken cancellationToken)
    {
        var (version, blocks) = await OpenStreamingAsync(body, options, "Poll_Response", cancellationToken).ConfigureAwait(false);
        return new PollResponseStream(version, (PollResponseHeader)blocks.Header, blocks.Stream);
    }

    /// <summary>Opens an Inbox_Message for streaming, like <see cref="OpenPollResponseAsync(Stream, CancellationToken)"/>.</summary>
    public static async ValueTask<InboxMessageStream> OpenInboxMessageAsync(
        Stream body, TaxiiReaderOptions options, CancellationToken cancellationToken)
    {
        var (version, blocks) = await OpenStreamingAsync(body, options, "Inbox_Message", cancellationToken).ConfigureAwait(false);
        return new InboxMessageStream(version, (InboxMessage)blocks.Header, blocks.Stream);
    }

    private static async ValueTask<(TaxiiVersion, (object Header, BlockStream Stream))> OpenStreamingAsync(
        Stream body, TaxiiReaderOptions options, string root, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        var (r, version) = await TaxiiReading.OpenAsync(body, expected: null, options).ConfigureAwait(false);
        try
        {
            if (r.LocalName != root)
            {
                var other = await ReadRootAsync(r, version, cancellationToken).ConfigureAwait(false);
                throw new TaxiiUnexpectedMessageException(version, other);
            }

            r.Push(root);
            var blocks = await OpenBlocksAsync(r, version).ConfigureAwait(false);
            return (version, blocks);
        }
        catch (XmlException ex)
        {
            r.Inner.Dispose();
            throw TaxiiReading.NotWellFormed(ex);
        }
        catch
        {
            r.Inner.Dispose();
            throw;
        }
    }

    internal static async ValueTask<ITaxiiMessage> ReadRootAsync(TaxiiXmlReader r, TaxiiVersion version, CancellationToken cancellationToken)
    {
        r.Push(r.LocalName);
        if (r.LocalName is not ("Poll_Response" or "Inbox_Message"))
        {
            return version == TaxiiVersion.V11
                ? await V11.MessageReader.ReadAsync(r).ConfigureAwait(false)
                : await V10.MessageReader.ReadAsync(r).ConfigureAwait(false);
        }

        var (header, stream) = await OpenBlocksAsync(r, version).ConfigureAwait(false);
        var list = new List<ContentBlock>();
        await foreach (var block in stream.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(block);
        }

        return header switch
        {
            PollResponseHeader h => new PollResponse(h) { ContentBlocks = list },
            InboxMessage m => m with { ContentBlocks = list },
            _ => throw new InvalidOperationException("unreachable"),
        };
    }

    private static async ValueTask<(object Header, BlockStream Stream)> OpenBlocksAsync(TaxiiXmlReader r, TaxiiVersion version)
    {
        if (version == TaxiiVersion.V11)
        {
            if (r.LocalName == "Poll_Response")
            {
                var (header, atBlock) = await V11.PollResponseReader.ReadHeaderAsync(r).ConfigureAwait(false);
                return (header, new BlockStream(r, atBlock, header.RecordCount, V11.CommonReader.ReadContentBlockAsync));
            }

            var (inbox, inboxAtBlock) = await V11.InboxMessageReader.ReadHeaderAsync(r).ConfigureAwait(false);
            return (inbox, new BlockStream(r, inboxAtBlock, inbox.RecordCount, V11.CommonReader.ReadContentBlockAsync));
        }

        if (r.LocalName == "Poll_Response")
        {
            var (header, atBlock) = await V10.PollResponseReader.ReadHeaderAsync(r).ConfigureAwait(false);
            return (header, new BlockStream(r, atBlock, null, V10.ContentBlockReader.ReadAsync));
        }

        var (message, messageAtBlock) = await V10.InboxMessageReader.ReadHeaderAsync(r).ConfigureAwait(false);
        return (message, new BlockStream(r, messageAtBlock, null, V10.ContentBlockReader.ReadAsync));
    }
}
