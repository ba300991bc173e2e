using Microsoft.EntityFrameworkCore;
using Taxii.Core.Feeds;
using Taxii.Persistence;

namespace Taxii.Feeds.Ingestion;

/// <summary>
/// Queues runs of the incoming feeds bound to local collections that just received content (an inbox push), and of
/// any whose collection holds content they have not taken yet (the sweep): a push that arrived while a run was active
/// is taken by that run (which looks again after storing what it took), or by the next sweep when it came as the run
/// ended.
/// </summary>
public sealed class InboxFeedTrigger(TaxiiDbContext db, InboxFeedCollections bound, IncomingFeedRunQueue queue)
{
    /// <summary>After a push: a look-up in memory when no feed is bound to these collections (<see cref="InboxFeedCollections"/>).</summary>
    public async Task QueueForCollectionsAsync(IReadOnlyCollection<string> collectionNames, CancellationToken cancellationToken)
    {
        if (!await bound.AnyBoundAsync(db, collectionNames, cancellationToken))
        {
            return;
        }

        // nullable, as the feed's setting is: a feed with no collection matches none
        List<string?> names = [.. collectionNames];
        var feedIds = await InboxFeeds().Prepared().Where(f => names.Contains(f.Transport.CollectionName))
            .Where(f => !db.IncomingFeedRuns.Any(r => r.FeedId == f.Id && (r.Status == FeedRunStatus.Queued || r.Status == FeedRunStatus.Running)))
            .Select(f => f.Id).ToListAsync(cancellationToken);
        foreach (var feedId in feedIds)
        {
            // null: a run became active meanwhile, which takes the content or leaves it to the sweep
            await queue.QueueAsync(feedId, FeedRunTrigger.Inbox, enqueue: true, cancellationToken);
        }
    }

    /// <summary>
    /// Queues a run of every enabled inbox feed with content newer than its position and no active run; returns how
    /// many. A run left running by a host that died (its lock is free) does not count as active: queueing closes it.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var feeds = await InboxFeeds()
            .Where(f => db.Collections.Any(c => c.Name == f.Transport.CollectionName
                && db.ContentBlocks.Any(b => b.CollectionId == c.Id && b.Id > f.LastContentBlockId)))
            .Where(f => !db.IncomingFeedRuns.Any(r => r.FeedId == f.Id && r.Status == FeedRunStatus.Queued))
            .Select(f => new { f.Id, Running = db.IncomingFeedRuns.Any(r => r.FeedId == f.Id && r.Status == FeedRunStatus.Running) })
            .ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var feed in feeds)
        {
            if (feed.Running && await FeedRunLock.IsHeldAsync(db.Database.GetConnectionString()!, FeedRunLock.Incoming, feed.Id, cancellationToken))
            {
                continue;
            }

            if (await queue.QueueAsync(feed.Id, FeedRunTrigger.Inbox, enqueue: true, cancellationToken) is not null)
            {
                queued++;
            }
        }

        return queued;
    }

    private IQueryable<IncomingFeed> InboxFeeds() =>
        db.IncomingFeeds.AsNoTracking().Where(f => f.Enabled && f.TransportType == IncomingTransportType.TaxiiInbox);
}
