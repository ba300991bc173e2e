using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Taxii.Core.Collections;
using Taxii.Core.Feeds;
using Taxii.Feeds.Ingestion;
using Taxii.Feeds.Subscriptions;

namespace Taxii.Feeds;

/// <summary>
/// Clears this host's <see cref="InboxFeedCollections"/> when one of its contexts saves an incoming feed, and its
/// <see cref="PushCollectionCache"/> when one saves a subscription, whoever saves it (the REST API, the web UI, a feed run,
/// the subscription management service). Cleared before the rows are written and again once they are: a push that read
/// the old rows in between kept them under the first clear, which the second undoes.
/// </summary>
internal sealed class FeedCacheInvalidation(InboxFeedCollections inboxFeeds, PushCollectionCache pushed) : SaveChangesInterceptor
{
    // what a save in progress touches, per context (after the save its entries are Unchanged again)
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, Touched> _saving = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Saving(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var touched = new Touched();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                touched.Feeds |= entry.Entity is IncomingFeed or IncomingTransportSettings;
                touched.Subscriptions |= entry.Entity is Subscription;
            }
        }

        if (touched.Feeds || touched.Subscriptions)
        {
            Clear(touched);
            _saving.AddOrUpdate(context, touched);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is not null && _saving.TryGetValue(context, out var touched))
        {
            _saving.Remove(context);
            Clear(touched);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _saving.Remove(context);
        }
    }

    private void Clear(Touched touched)
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

    private sealed class Touched
    {
        public bool Feeds { get; set; }

        public bool Subscriptions { get; set; }
    }
}
