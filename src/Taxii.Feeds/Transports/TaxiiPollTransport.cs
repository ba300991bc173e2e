using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Taxii.Core.Collections;
using Taxii.Core.Feeds;
using Taxii.Feeds.Subscriptions;
using Taxii.Persistence;
using Taxii.Persistence.Stores;

namespace Taxii.Feeds.Transports;

/// <summary>
/// Makes each package one content block of a local collection, which TAXII clients then poll (and subscribers get
/// pushed). Each package is its own append: <see cref="ContentStore"/> gives it a server label under the collection's
/// window lock, so incremental polls see it exactly once, and no transaction is held across a run. Each append queues
/// the collection's subscription pushes.
/// </summary>
internal sealed partial class TaxiiPollTransport(
    TaxiiDbContext db,
    ContentStore store,
    SubscriptionPushTrigger pushes,
    ILogger<TaxiiPollTransport> logger) : IOutgoingTransport
{
    public OutgoingTransportType Type => OutgoingTransportType.TaxiiPoll;

    public bool KeepsContent => false;

    public bool Carries(FeedContentType contentType) => contentType is FeedContentType.EclecticIqJson or FeedContentType.Stix12;

    public async Task BeginAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await FindAsync(delivery, cancellationToken);
    }

    public async Task DeliverAsync(OutgoingDelivery delivery, FeedPackage package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(package);
        // looked up again: the collection may have been disabled or restricted while the run wrote
        var collection = await FindAsync(delivery, cancellationToken);
        if (!ContentBindingFilter.Accepts(collection.ContentBindings, package.Binding, subtype: null))
        {
            throw new FeedDeliveryException(
                $"Collection '{collection.Name}' does not accept content binding {package.Binding}; add it to the collection's bindings or clear them.");
        }

        var content = PackageContent.ForContentBlock(package);
        var block = new NewContentBlock(collection.Id, PackageContent.ToArray(content), package.Binding, ContentSubtype: null, Message: null, package.IsXml);
        var stored = await store.AppendAsync([block], cancellationToken);
        LogAppended(delivery.Feed.Id, delivery.Run.Id, package.Sequence, collection.Name, stored[0].Id);

        // the package is published: pushes that fail to queue are the scheduled dispatch's to catch up, not a failed package
        try
        {
            await pushes.QueueForCollectionsAsync([collection.Id], cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPushesNotQueued(e, delivery.Feed.Id, collection.Name);
        }
    }

    private async Task<Collection> FindAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        var name = delivery.Feed.Transport.CollectionName;
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new FeedDeliveryException("The feed names no collection to publish into (Transport.CollectionName).");
        }

        var collection = await db.Collections.AsNoTracking().SingleOrDefaultAsync(c => c.Name == name, cancellationToken)
            ?? throw new FeedDeliveryException($"Collection '{name}' does not exist.");
        return collection.Enabled ? collection : throw new FeedDeliveryException($"Collection '{name}' is disabled.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {FeedId} published into collection {Collection} but could not queue its subscription pushes; the scheduled dispatch will")]
    private partial void LogPushesNotQueued(Exception exception, int feedId, string collection);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {FeedId} run {RunId}: package {Sequence} appended to collection {Collection} as block {BlockId}")]
    private partial void LogAppended(int feedId, long runId, int sequence, string collection, long blockId);
}
