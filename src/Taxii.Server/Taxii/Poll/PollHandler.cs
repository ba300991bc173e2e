using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Taxii.Core.Collections;
using Taxii.Persistence;
using Taxii.Persistence.Stores;
using Taxii.Protocol.Messages;
using CoreServiceType = Taxii.Core.Collections.ServiceType;
using ResponseType = Taxii.Core.Collections.ResponseType;

namespace Taxii.Server.Taxii.Poll;

/// <summary>
/// Poll_Request (1.1 and 1.0) and Poll_Fulfillment (1.1) → Poll_Response, streamed from the store. A 1.1 answer of more
/// than <see cref="TaxiiServiceOptions.MaxBlocksPerPart"/> blocks is kept as a <see cref="PollResult"/> whose parts are
/// keyset cursors over the closed window, so every part can be asked again until the result expires.
/// </summary>
internal sealed partial class PollHandler(
    TaxiiDbContext db,
    PollSelector selector,
    PollStreamer streamer,
    IOptions<TaxiiServiceOptions> options,
    TimeProvider time,
    ILogger<PollHandler> logger) : ITaxiiMessageHandler
{
    public CoreServiceType ServiceType => CoreServiceType.Poll;

    public bool Accepts(ITaxiiMessage message) => message is PollRequest or PollFulfillmentRequest;

    public Task<TaxiiReply> HandleAsync(TaxiiRequest request, CancellationToken cancellationToken) => request.Message switch
    {
        PollRequest poll => PollAsync(request, poll, cancellationToken),
        PollFulfillmentRequest fulfillment => FulfillAsync(request, fulfillment, cancellationToken),
        _ => throw new InvalidOperationException($"{request.Message.GetType().Name} is not a poll message"),
    };

    private async Task<TaxiiReply> PollAsync(TaxiiRequest request, PollRequest poll, CancellationToken cancellationToken)
    {
        var (selection, responseType, refusal) = await selector.SelectAsync(request, poll, cancellationToken);
        if (refusal is not null || selection is null)
        {
            refusal ??= request.Status(StatusType.Failure);
            LogRefused(request.Service.Path, refusal.Status.Value);
            return refusal;
        }

        var header = Header(request, selection, poll.SubscriptionId);
        if (request.Version == TaxiiVersion.V10)
        {
            // 1.0 has neither Record_Count nor multi-part results: everything in one streamed answer
            LogPolled(request.Service.Path, selection.Collection.Name, -1);
            return streamer.Stream(header, selection.Window, selection.Matcher, request.Version);
        }

        var partSize = options.Value.MaxBlocksPerPart;
        var (total, partEnds) = await streamer.PlanAsync(selection, partSize, cancellationToken);
        LogPolled(request.Service.Path, selection.Collection.Name, total);
        header = header with { RecordCount = new RecordCount(total) };
        if (responseType == ResponseType.CountOnly)
        {
            return new TaxiiReply.MessageReply(new PollResponse(header));
        }

        if (partEnds.Count == 0)
        {
            // everything fits in one part (or one label holds it all: parts never split a label)
            return streamer.Stream(header, selection.Window, selection.Matcher, request.Version);
        }

        var result = await SaveResultAsync(request, poll, selection, partSize, total, partEnds, cancellationToken);
        return ServePart(request, selection, result, 1, poll.SubscriptionId);
    }

    private async Task<TaxiiReply> FulfillAsync(TaxiiRequest request, PollFulfillmentRequest fulfillment, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var userId = request.Caller.UserId;
        var result = await db.PollResults.AsNoTracking().Include(r => r.Parts)
            .Where(r => r.Id == fulfillment.ResultId && r.ExpiresAt > now && r.UserId == userId)
            .SingleOrDefaultAsync(cancellationToken);
        var collection = result is null ? null : await selector.FindCollectionAsync(request, fulfillment.CollectionName, cancellationToken);
        if (result is null || collection is null || collection.Id != result.CollectionId)
        {
            // expired, someone else's, or of a collection the caller may no longer read: all look unknown
            LogRefused(request.Service.Path, StatusType.NotFound.Value);
            return request.Status(StatusType.NotFound, $"There is no result '{fulfillment.ResultId}' of yours for '{fulfillment.CollectionName}' (results expire).",
                new StatusDetail(StatusDetailNames.Item, fulfillment.ResultId));
        }

        if (fulfillment.ResultPartNumber < 1 || fulfillment.ResultPartNumber > result.Parts.Count)
        {
            LogRefused(request.Service.Path, StatusType.InvalidResponsePart.Value);
            return request.Status(StatusType.InvalidResponsePart, $"Result '{result.Id}' has parts 1 to {result.Parts.Count}.",
                new StatusDetail(StatusDetailNames.MaxPartNumber, result.Parts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var matcher = null as Protocol.Query.DefaultQueryMatcher;
        if (result.QueryFormatId is not null)
        {
            // the query compiled when the result was made; it still does
            (matcher, var refusal) = PollSelector.Compile(request, new TaxiiQuery(result.QueryFormatId, result.QueryXml ?? ""));
            if (refusal is not null)
            {
                return refusal;
            }
        }

        var selection = new PollSelection(collection, result.ExclusiveBegin, result.InclusiveEnd, result.ContentBindings, matcher);
        return ServePart(request, selection, result, fulfillment.ResultPartNumber, subscriptionId: null);
    }

    private TaxiiReply ServePart(TaxiiRequest request, PollSelection selection, PollResult result, int partNumber, string? subscriptionId)
    {
        var parts = result.Parts.OrderBy(p => p.PartNumber).ToList();
        var part = parts[partNumber - 1];
        var next = partNumber < parts.Count ? parts[partNumber] : null;
        var window = selection.Window with
        {
            After = part.AfterLabel is { } label ? new KeysetPosition(label, part.AfterId) : null,
            UpTo = next?.AfterLabel is { } nextLabel ? new KeysetPosition(nextLabel, next.AfterId) : null,
        };
        var header = Header(request, selection, subscriptionId) with
        {
            More = next is not null,
            ResultId = result.Id,
            ResultPartNumber = partNumber,
            // the whole result's count: exact, and ≥ the blocks of this part
            RecordCount = new RecordCount(result.TotalBlocks),
        };
        return streamer.Stream(header, window, selection.Matcher, request.Version);
    }

    private async Task<PollResult> SaveResultAsync(TaxiiRequest request, PollRequest poll, PollSelection selection, int partSize, long total,
        IReadOnlyList<KeysetPosition> partEnds, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var partCount = partEnds.Count + 1;
        var query = poll.PollParameters?.Query;
        if (poll.SubscriptionId is not null)
        {
            query = await db.Subscriptions.Where(s => s.Id == poll.SubscriptionId && s.QueryFormatId != null)
                .Select(s => new TaxiiQuery(s.QueryFormatId ?? "", s.QueryXml ?? "")).SingleOrDefaultAsync(cancellationToken);
        }

        var result = new PollResult
        {
            Id = "urn:taxii:result:" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            CollectionId = selection.Collection.Id,
            UserId = request.Caller.UserId,
            ExclusiveBegin = selection.ExclusiveBegin,
            InclusiveEnd = selection.InclusiveEnd,
            ResponseType = ResponseType.Full,
            ContentBindings = [.. selection.ContentBindings],
            QueryFormatId = query?.FormatId,
            QueryXml = query?.Xml,
            PartSize = partSize,
            TotalBlocks = total,
            CreatedAt = now,
            ExpiresAt = now + options.Value.PollResultLifetime,
        };
        for (var i = 1; i <= partCount; i++)
        {
            // part i starts after the last block of part i-1
            var after = i == 1 ? (KeysetPosition?)null : partEnds[i - 2];
            result.Parts.Add(new PollResultPart { ResultId = result.Id, PartNumber = i, AfterLabel = after?.Label, AfterId = after?.Id ?? 0 });
        }

        db.PollResults.Add(result);
        await db.SaveChangesAsync(cancellationToken);
        LogResultSaved(result.Id, partCount, total);
        return result;
    }

    private static PollResponseHeader Header(TaxiiRequest request, PollSelection selection, string? subscriptionId)
    {
        var feed = selection.Collection.IsFeed;
        var v11 = request.Version == TaxiiVersion.V11;
        return new PollResponseHeader(MessageIds.New(), request.InResponseTo, selection.Collection.Name)
        {
            SubscriptionId = subscriptionId,
            // the range considered: the requested begin, not the first label found ([S] §3.6); none for a data set
            ExclusiveBeginTimestamp = feed && v11 ? selection.ExclusiveBegin : null,
            // 1.0 states an inclusive begin; labels are whole microseconds, so "after X" is "from X + 1 µs"
            InclusiveBeginTimestamp = !v11 && selection.ExclusiveBegin is { } begin ? begin.AddTicks(TimeSpan.TicksPerMicrosecond) : null,
            InclusiveEndTimestamp = feed ? selection.InclusiveEnd : null,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Poll {Service} of {Collection}: {BlockCount} blocks")]
    private partial void LogPolled(string service, string collection, long blockCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Poll result {ResultId} kept in {PartCount} parts for {BlockCount} blocks")]
    private partial void LogResultSaved(string resultId, int partCount, long blockCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Poll {Service} refused a request with {Status}")]
    private partial void LogRefused(string service, string status);
}
