using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Collections;
using Taxii.Persistence;

namespace Taxii.Feeds.Subscriptions;

/// <summary>
/// Which collections have an active push subscription, remembered for <see cref="Lifetime"/> in each process, so that
/// content arriving in a collection nobody is pushed (the usual case, on the inbox's hot path) costs no query.
/// </summary>
/// <remarks>
/// A subscription saved on this host clears the set at once (<see cref="FeedCacheInvalidation"/>); one made on another
/// host is seen here within <see cref="Lifetime"/>, and content arriving here before that is pushed by the next arrival
/// or the scheduled dispatch. A subscription paused or gone meanwhile costs at most a look-up that finds nothing due.
/// </remarks>
public sealed class PushCollectionCache(TimeProvider time)
{
    /// <summary>How long a set read from the database is trusted.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly CachedSnapshot<FrozenSet<int>> _collections = new(time, Lifetime);

    /// <summary>Whether any of <paramref name="collectionIds"/> has an active push subscription (on an enabled collection).</summary>
    public async ValueTask<bool> AnyPushedAsync(TaxiiDbContext db, IReadOnlyCollection<int> collectionIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(collectionIds);
        var pushed = await _collections.GetAsync(async ct => (await db.Subscriptions.AsNoTracking()
            .Where(s => s.Status == SubscriptionStatus.Active && s.PushAddress != null && s.Collection!.Enabled)
            .Select(s => s.CollectionId).Distinct().ToListAsync(ct)).ToFrozenSet(), cancellationToken);
        return collectionIds.Any(pushed.Contains);
    }

    /// <summary>Forgets the set: the next arrival reads it again.</summary>
    public void Invalidate() => _collections.Invalidate();
}
