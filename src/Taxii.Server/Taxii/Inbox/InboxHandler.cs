using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Taxii.Core.Collections;
using Taxii.Core.Settings;
using Taxii.Feeds.Ingestion;
using Taxii.Feeds.Subscriptions;
using Taxii.Persistence;
using Taxii.Persistence.Configurations;
using Taxii.Persistence.Stores;
using Taxii.Protocol.Messages;
using CoreServiceType = Taxii.Core.Collections.ServiceType;

namespace Taxii.Server.Taxii.Inbox;

/// <summary>
/// Inbox_Message (1.1 and 1.0) → Status_Message, stored all or nothing and answered once committed (concurrent messages
/// share a transaction: <see cref="GroupedAppends"/>); any refusal stores nothing (a non-SUCCESS
/// status means the whole message was discarded). Named destinations (1.1) each take every block, and a block one of
/// them does not accept refuses the message. Without names (1.0 always; 1.1 where the inbox does not require them) each
/// block goes to the collections of the inbox the caller may write that accept its binding (as the message's version
/// sees them: <see cref="CollectionContent"/>), and only a block none of them accepts refuses the message.
/// </summary>
internal sealed partial class InboxHandler(
    TaxiiCatalog catalog,
    GroupedAppends store,
    InboxFeedTrigger feeds,
    SubscriptionPushTrigger pushes,
    IOptions<BlobLimitsOptions> limits,
    ILogger<InboxHandler> logger) : ITaxiiMessageHandler
{
    public CoreServiceType ServiceType => CoreServiceType.Inbox;

    public bool Accepts(ITaxiiMessage message) => message is InboxMessage;

    public async Task<TaxiiReply> HandleAsync(TaxiiRequest request, CancellationToken cancellationToken)
    {
        var message = (InboxMessage)request.Message;
        var writable = (await catalog.WritableAsync(request.Service, request.Caller, cancellationToken))
            .Select(c => new Destination(c.Id, c.Name, CollectionContent.Accepted(request.Version, c.ContentBindings))).ToList();

        var (destinations, named, refusal) = await ChooseDestinationsAsync(request, message, writable, cancellationToken);
        if (refusal is not null)
        {
            LogRefused(request.Service.Path, refusal.Status.Value);
            return refusal;
        }

        var maxBlob = limits.Value.MaxBlobSize;
        var blocks = new List<NewContentBlock>(message.ContentBlocks.Count * destinations.Count);
        for (var i = 0; i < message.ContentBlocks.Count; i++)
        {
            var block = message.ContentBlocks[i];
            var bindingId = block.Binding.BindingId;
            var subtype = block.Binding.Subtypes.Count > 0 ? block.Binding.Subtypes[0] : null;
            if (bindingId.Length > Limits.UriLength || subtype?.Length > Limits.UriLength)
            {
                LogRefused(request.Service.Path, StatusType.BadMessage.Value);
                return request.Status(StatusType.BadMessage,
                    $"Content block {i + 1} has a content binding or subtype longer than {Limits.UriLength} characters; nothing was stored.");
            }

            var accepting = destinations.Where(d => ContentBindingFilter.Accepts(d.ContentBindings, bindingId, subtype)).ToList();
            if (accepting.Count == 0 || (named && accepting.Count < destinations.Count))
            {
                var binding = $"binding '{bindingId}'{(subtype is null ? "" : $" (subtype '{subtype}')")}";
                LogRefused(request.Service.Path, StatusType.UnsupportedContent.Value);
                return request.Status(StatusType.UnsupportedContent,
                    named
                        ? $"Content block {i + 1} has {binding}, which collection '{destinations.First(d => !accepting.Contains(d)).Name}' does not accept; nothing was stored."
                        : $"Content block {i + 1} has {binding}, which no collection of this inbox that you may write to accepts; nothing was stored.",
                    [.. Supported(destinations, named).Select(b => new StatusDetail(StatusDetailNames.SupportedContent, b))]);
            }

            var content = Encoding.UTF8.GetBytes(block.Content.Value);
            if (content.LongLength > maxBlob)
            {
                LogRefused(request.Service.Path, StatusType.Denied.Value);
                return request.Status(StatusType.Denied,
                    $"Content block {i + 1} is {content.LongLength} bytes; this server accepts at most {maxBlob} bytes per block. Nothing was stored.");
            }

            var isXml = block.Content.Kind == TaxiiContentKind.Xml;
            blocks.AddRange(accepting.Select(d => new NewContentBlock(d.Id, content, bindingId, subtype, block.Message, isXml, request.Caller.UserId)));
        }

        await store.AppendAsync(blocks, cancellationToken);
        var receiving = blocks.Select(b => b.CollectionId).ToHashSet();
        var received = destinations.Where(d => receiving.Contains(d.Id)).Select(d => d.Name).ToList();
        LogAccepted(request.Service.Path, message.ContentBlocks.Count, received.Count);

        // the content is stored: a feed that fails to queue (the sweep catches up) must not turn SUCCESS into FAILURE
        try
        {
            await feeds.QueueForCollectionsAsync(received, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFeedsNotQueued(e, request.Service.Path);
        }

        // likewise subscription pushes (the scheduled dispatch catches up); kept apart, so one failing still queues the other
        try
        {
            await pushes.QueueForCollectionsAsync([.. destinations.Select(d => d.Id)], cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPushesNotQueued(e, request.Service.Path);
        }

        return request.Status(StatusType.Success);
    }

    /// <summary>The named destinations (<c>Named</c>), or, when none are named, every collection the caller may write here.</summary>
    private async Task<(IReadOnlyList<Destination> Destinations, bool Named, StatusMessage? Refusal)> ChooseDestinationsAsync(
        TaxiiRequest request, InboxMessage message, List<Destination> writable, CancellationToken cancellationToken)
    {
        // TAXII 1.0 cannot name destinations: its messages go to every collection the caller may write through this inbox
        var names = request.Version == TaxiiVersion.V11 ? message.DestinationCollectionNames.Distinct(StringComparer.Ordinal).ToList() : [];
        if (names.Count == 0)
        {
            if (request.Service.DestinationCollectionRequired && request.Version == TaxiiVersion.V11)
            {
                return ([], false, request.Status(StatusType.DestinationCollectionError,
                    "This inbox requires Destination_Collection_Name.",
                    [.. writable.Select(d => new StatusDetail(StatusDetailNames.AcceptableDestination, d.Name))]));
            }

            if (writable.Count == 0)
            {
                return ([], false, request.Status(StatusType.Unauthorized, "You may not write to any collection of this inbox."));
            }

            return (writable, false, null);
        }

        var chosen = new List<Destination>(names.Count);
        foreach (var name in names)
        {
            var destination = writable.Find(d => d.Name == name);
            if (destination is not null)
            {
                chosen.Add(destination);
                continue;
            }

            // a collection the caller may not even read is reported as unknown: its existence is not revealed. One it may
            // read but not write is a matter of rights: UNAUTHORIZED is "not enough rights", while
            // DESTINATION_COLLECTION_ERROR is about naming destinations at all (required but missing, or forbidden)
            var readable = (await catalog.ReadableAsync(request.Service, request.Caller, cancellationToken)).Any(c => c.Name == name);
            return ([], true, readable
                ? request.Status(StatusType.Unauthorized, $"You may read collection '{name}' but not write to it; nothing was stored.")
                : request.Status(StatusType.NotFound, $"This inbox has no collection '{name}'.",
                    new StatusDetail(StatusDetailNames.Item, name)));
        }

        return (chosen, true, null);
    }

    /// <summary>
    /// What the destinations accept, as binding ids: named, what every one of them accepts (empty when one accepts
    /// everything and the rest nothing in common); unnamed, what any of them accepts.
    /// </summary>
    private static IEnumerable<string> Supported(IReadOnlyList<Destination> destinations, bool named)
    {
        var restricted = destinations.Where(d => d.ContentBindings.Count > 0).ToList();
        if (restricted.Count == 0)
        {
            return [];
        }

        IEnumerable<string> supported = restricted[0].ContentBindings;
        foreach (var d in restricted.Skip(1))
        {
            supported = named ? supported.Intersect(d.ContentBindings, StringComparer.Ordinal) : supported.Union(d.ContentBindings, StringComparer.Ordinal);
        }

        return supported.Select(ContentBindingFilter.Parse).Select(f => f.BindingId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
    }

    /// <summary>A collection the caller may write, with the content bindings it accepts as the message's version sees them.</summary>
    private sealed record Destination(int Id, string Name, IReadOnlyList<string> ContentBindings);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbox {Service} accepted {BlockCount} blocks for {CollectionCount} collections")]
    private partial void LogAccepted(string service, int blockCount, int collectionCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox {Service} stored content but could not queue the incoming feeds bound to it; the sweep will")]
    private partial void LogFeedsNotQueued(Exception exception, string service);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox {Service} stored content but could not queue the subscription pushes of its collections; the scheduled dispatch will")]
    private partial void LogPushesNotQueued(Exception exception, string service);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbox {Service} refused a message with {Status}")]
    private partial void LogRefused(string service, string status);
}
