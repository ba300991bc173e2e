using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Taxii.Core.Collections;
using Taxii.Persistence;

namespace Taxii.Feeds.Subscriptions;

/// <summary>
/// Queues deliveries of push subscriptions: of the collections that just received content (after it was committed), and
/// of every subscription on the schedule (the sweep, which retries). A subscription gets at most one queued delivery
/// (<see cref="DeliveryQueue"/>), and none while a failed push waits out its retry delay, however much content arrives.
/// </summary>
public sealed class SubscriptionPushTrigger(
    TaxiiDbContext db, PushCollectionCache pushed, DeliveryQueue queue, IOptions<SubscriptionOptions> options, TimeProvider time)
{
    /// <summary>After content was committed to <paramref name="collectionIds"/>: a look-up in memory when none has a push subscription.</summary>
    public async Task QueueForCollectionsAsync(IReadOnlyCollection<int> collectionIds, CancellationToken cancellationToken)
    {
        if (await pushed.AnyPushedAsync(db, collectionIds, cancellationToken))
        {
            await QueueDueAsync(collectionIds, cancellationToken);
        }
    }

    /// <summary>
    /// Queues a delivery of every active push subscription (of <paramref name="collectionIds"/>, or all when null) except
    /// those whose last attempt failed less than the retry delay ago; returns how many it queued.
    /// </summary>
    public async Task<int> QueueDueAsync(IReadOnlyCollection<int>? collectionIds, CancellationToken cancellationToken)
    {
        var subscriptions = db.Subscriptions.AsNoTracking()
            .Where(s => s.Status == SubscriptionStatus.Active && s.PushAddress != null && s.Collection!.Enabled);
        if (collectionIds is not null)
        {
            List<int> ids = [.. collectionIds];
            subscriptions = subscriptions.Where(s => ids.Contains(s.CollectionId)).Prepared();
        }

        var due = await subscriptions
            .OrderBy(s => s.Id)
            .Select(s => new
            {
                s.Id,
                Last = db.SubscriptionDeliveries.Where(d => d.SubscriptionId == s.Id).OrderByDescending(d => d.Id)
                    .Select(d => new { d.Status, d.Attempts, d.CompletedAt }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var queued = 0;
        foreach (var s in due)
        {
            // a subscriber whose inbox failed is left alone until its retry is due, not hammered by every new message
            if (s.Last is { Status: DeliveryStatus.Failed, CompletedAt: { } at } && at + options.Value.DelayAfter(s.Last.Attempts) > now)
            {
                continue;
            }

            if (await queue.TryEnqueueAsync(s.Id, cancellationToken))
            {
                queued++;
            }
        }

        return queued;
    }
}
