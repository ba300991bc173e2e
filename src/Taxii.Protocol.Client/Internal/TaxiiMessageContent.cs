using System.Net;
using System.Net.Http.Headers;
using Taxii.Protocol.Http;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Xml;

namespace Taxii.Protocol.Client.Internal;

/// <summary>
/// A request body written by <see cref="TaxiiMessageWriter"/> straight onto the connection, so a large
/// inbox message is never held as one buffer. The length is unknown up front: it goes out chunked.
/// </summary>
internal sealed class TaxiiMessageContent : HttpContent
{
    private readonly ITaxiiMessage _message;
    private readonly TaxiiVersion _version;
    private readonly IAsyncEnumerable<ContentBlock>? _inboxBlocks;

    /// <param name="inboxBlocks">For an Inbox_Message header: its blocks, enumerated once while writing.</param>
    public TaxiiMessageContent(ITaxiiMessage message, TaxiiVersion version, IAsyncEnumerable<ContentBlock>? inboxBlocks)
    {
        _message = message;
        _version = version;
        _inboxBlocks = inboxBlocks;

        // exactly application/xml: the reference server (django-taxii-services) rejects any parameter
        Headers.ContentType = new MediaTypeHeaderValue(TaxiiHttpHeaders.XmlMediaType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(
        Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        switch (_message)
        {
            // TaxiiMessageWriter.WriteAsync builds the whole document in memory first; an inbox message may be
            // large, so it goes through the streaming writer, which flushes as it goes
            case InboxMessage inbox when _inboxBlocks is not null:
                await TaxiiMessageWriter.WriteInboxMessageAsync(stream, inbox, _inboxBlocks, _version, cancellationToken);
                break;
            case InboxMessage inbox:
                await TaxiiMessageWriter.WriteInboxMessageAsync(
                    stream, inbox with { ContentBlocks = [] }, AsAsync(inbox.ContentBlocks), _version, cancellationToken);
                break;
            default:
                await TaxiiMessageWriter.WriteAsync(stream, _message, _version, cancellationToken);
                break;
        }
    }

    private static async IAsyncEnumerable<ContentBlock> AsAsync(IReadOnlyList<ContentBlock> blocks)
    {
        foreach (var block in blocks)
        {
            yield return block;
        }

        await Task.CompletedTask;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
