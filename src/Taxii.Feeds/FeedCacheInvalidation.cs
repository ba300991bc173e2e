using Microsoft.EntityFrameworkCore;
using Taxii.Core.Collections;
using Taxii.Core.Feeds;
using Taxii.Feeds.Ingestion;
using Taxii.Feeds.Subscriptions;
using Taxii.Persistence;

namespace Taxii.Feeds;

/// <summary>
/// Clears this host's <see cref="InboxFeedCollections"/> when one of its contexts saves an incoming feed, and its
/// <see cref="PushCollectionCache"/> when one saves a subscription, whoever saves it (the REST API, the web UI, a feed run,
/// the subscription management service): before the rows are written and again once the save has ended
/// (<see cref="SaveWatcher{TTouched}"/>).
/// </summary>
internal sealed class FeedCacheInvalidation(InboxFeedCollections inboxFeeds, PushCollectionCache pushed)
    : SaveWatcher<FeedCacheInvalidation.Touch>
{
    protected override Touch? Touched(DbContext context)
    {
        var feeds = false;
        var subscriptions = false;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                feeds |= entry.Entity is IncomingFeed or IncomingTransportSettings;
                subscriptions |= entry.Entity is Subscription;
            }
        }

        return feeds || subscriptions ? new Touch(feeds, subscriptions) : null;
    }

    protected override void Changed(Touch touched)
    {
        if (touched.Feeds)
        {
            inboxFeeds.Invalidate();
        }

        if (touched.Subscriptions)
        {
            pushed.Invalidate();
        }
    }

    /// <summary>Whether a save touches incoming feeds, subscriptions, or both.</summary>
    internal sealed record Touch(bool Feeds, bool Subscriptions);
}
