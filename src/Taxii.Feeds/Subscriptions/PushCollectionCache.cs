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
/// A push subscription made or resumed on this host clears the set at once (<see cref="Invalidate"/>); one made on
/// another host is seen here within <see cref="Lifetime"/>, and content arriving here before that is pushed by the
/// next arrival or the scheduled dispatch. A subscription paused or gone meanwhile costs at most a look-up that finds
/// nothing due.
/// </remarks>
public sealed class PushCollectionCache(TimeProvider time)
{
    /// <summary>How long a set read from the database is trusted.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Snapshot? _snapshot;
    private int _generation;

    /// <summary>Whether any of <paramref name="collectionIds"/> has an active push subscription (on an enabled collection).</summary>
    public async ValueTask<bool> AnyPushedAsync(TaxiiDbContext db, IReadOnlyCollection<int> collectionIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(collectionIds);
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is null || snapshot.ExpiresAt <= time.GetUtcNow())
        {
            snapshot = await RefreshAsync(db, snapshot, cancellationToken);
        }

        return collectionIds.Any(snapshot.Collections.Contains);
    }

    /// <summary>Forgets the set: the next arrival reads it again. Call after a push subscription became active.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _snapshot, null);
    }

    private async Task<Snapshot> RefreshAsync(TaxiiDbContext db, Snapshot? stale, CancellationToken cancellationToken)
    {
        // one caller reads; the others go on with the stale set meanwhile instead of queueing behind it (with none, they wait)
        if (stale is null)
        {
            await _refresh.WaitAsync(cancellationToken);
        }
        else if (!await _refresh.WaitAsync(0, cancellationToken))
        {
            return stale;
        }

        try
        {
            if (Volatile.Read(ref _snapshot) is { } current && current.ExpiresAt > time.GetUtcNow())
            {
                return current;
            }

            var generation = Volatile.Read(ref _generation);
            var ids = await db.Subscriptions.AsNoTracking()
                .Where(s => s.Status == SubscriptionStatus.Active && s.PushAddress != null && s.Collection!.Enabled)
                .Select(s => s.CollectionId).Distinct().ToListAsync(cancellationToken);
            var fresh = new Snapshot(ids.ToFrozenSet(), time.GetUtcNow() + Lifetime);

            // an Invalidate while the set was read wins: the set may predate the subscription that caused it
            if (Volatile.Read(ref _generation) == generation)
            {
                Volatile.Write(ref _snapshot, fresh);
            }

            return fresh;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private sealed record Snapshot(FrozenSet<int> Collections, DateTimeOffset ExpiresAt);
}
