using Taxii.Protocol.Messages;
using Taxii.Protocol.Xml;

namespace Taxii.Protocol.Client.Internal;

/// <summary>One Poll_Response being streamed off its HTTP response: its header fields, then its blocks.</summary>
internal sealed class PollPart : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly PollResponseStream _poll;
    private readonly int _partNumber;

    private PollPart(HttpResponseMessage response, Stream body, PollResponseStream poll, int partNumber)
    {
        _response = response;
        _body = body;
        _poll = poll;
        _partNumber = partNumber;
    }

    public bool More => _poll.Header.More;

    /// <summary>Sends <paramref name="request"/> (a Poll_Request, or a Poll_Fulfillment for part n) and opens the reply.</summary>
    public static async Task<PollPart> OpenAsync(
        TaxiiTransport transport, Uri uri, ITaxiiMessage request, TimeoutScope scope)
    {
        var cancellationToken = scope.Token;
        var partNumber = request is PollFulfillmentRequest fulfillment ? fulfillment.ResultPartNumber : 1;
        var (response, version) = await transport.SendAsync(uri, request, inboxBlocks: null, scope);
        Stream? body = null;
        try
        {
            body = await scope.ReadBodyAsync(response);
            PollResponseStream poll;
            try
            {
                poll = await TaxiiMessageReader.OpenPollResponseAsync(body, cancellationToken);
            }
            catch (TaxiiUnexpectedMessageException e)
            {
                // a Status_Message (or another message): the whole-message checks throw the right exception
                ResponseCheck.Expect<PollResponse>(new TaxiiMessageRead(e.Version, e.TaxiiMessage), version, request);
                throw;
            }

            var part = new PollPart(response, body, poll, partNumber);
            try
            {
                part.Check(version, request);
            }
            catch
            {
                await poll.DisposeAsync();
                throw;
            }

            return part;
        }
        catch
        {
            if (body is not null)
            {
                await body.DisposeAsync();
            }

            response.Dispose();
            throw;
        }
    }

    public IAsyncEnumerable<ContentBlock> ReadBlocksAsync(CancellationToken cancellationToken) =>
        _poll.ReadBlocksAsync(cancellationToken);

    public void Record(TaxiiPollProgress progress)
    {
        var header = _poll.Header;
        progress.PartCount++;
        if (progress.PartCount == 1)
        {
            progress.BeginTimestamp = header.ExclusiveBeginTimestamp ?? header.InclusiveBeginTimestamp;
        }

        // parts are contiguous label ranges in order, so the last part's end is the end of the whole result
        progress.InclusiveEndTimestamp = header.InclusiveEndTimestamp;
        progress.ResultId = header.ResultId ?? progress.ResultId;
    }

    /// <summary>The request for the part after this one (only when <see cref="More"/>).</summary>
    public PollFulfillmentRequest NextFulfillment(string messageId, string collectionName) =>
        new(messageId, collectionName, _poll.Header.ResultId ?? string.Empty) { ResultPartNumber = _partNumber + 1 };

    public async ValueTask DisposeAsync()
    {
        await _poll.DisposeAsync();
        await _body.DisposeAsync();
        _response.Dispose();
    }

    private void Check(TaxiiVersion headerVersion, ITaxiiMessage request)
    {
        var header = _poll.Header;
        if (_poll.Version != headerVersion)
        {
            throw new TaxiiProtocolException(
                StatusType.BadMessage,
                $"The X-TAXII-Content-Type header says {headerVersion} but the body is a {_poll.Version} message.");
        }

        if (!string.Equals(header.InResponseTo, request.MessageId, StringComparison.Ordinal))
        {
            throw new TaxiiProtocolException(
                StatusType.BadMessage,
                $"The reply's in_response_to '{header.InResponseTo}' is not the request's message_id '{request.MessageId}'.");
        }

        // a missing result_part_number means 1 (the XSD default); a peer answering part n with any other part
        // would make the client repeat or skip blocks, or loop for ever on more=true
        if (header.ResultPartNumber != _partNumber)
        {
            throw new TaxiiProtocolException(
                StatusType.BadMessage, $"Asked for result part {_partNumber}, the peer sent part {header.ResultPartNumber}.");
        }

        if (request is PollFulfillmentRequest fulfillment && header.ResultId is { } resultId
            && !string.Equals(resultId, fulfillment.ResultId, StringComparison.Ordinal))
        {
            throw new TaxiiProtocolException(
                StatusType.BadMessage, $"Asked for a part of result '{fulfillment.ResultId}', the peer sent one of '{resultId}'.");
        }

        if (header.More && headerVersion == TaxiiVersion.V11 && string.IsNullOrEmpty(header.ResultId))
        {
            throw new TaxiiProtocolException(
                StatusType.BadMessage, "The Poll_Response says more=true but gives no result_id to fetch the rest with.");
        }
    }
}
