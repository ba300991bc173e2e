using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Feeds;
using Taxii.Persistence;

namespace Taxii.Feeds.Ingestion;

/// <summary>
/// The names of the collections an enabled TAXII-inbox feed is bound to, remembered for <see cref="Lifetime"/> in each
/// process, so that an inbox push to a collection no feed reads (the usual case, on the inbox's hot path) costs no query.
/// </summary>
/// <remarks>
/// An incoming feed saved on this host (created, changed, deleted, or its run's position moved) clears the set at once
/// (<see cref="FeedCacheInvalidation"/>); one created or rebound on another host is seen here within
/// <see cref="Lifetime"/>, and content pushed here before that is taken by the inbox sweep (every minute).
/// </remarks>
public sealed class InboxFeedCollections(TimeProvider time)
{
    /// <summary>How long a set read from the database is trusted.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly CachedSnapshot<FrozenSet<string>> _names = new(time, Lifetime);

    /// <summary>Whether an enabled inbox feed is bound to any of <paramref name="collectionNames"/>.</summary>
    public async ValueTask<bool> AnyBoundAsync(TaxiiDbContext db, IReadOnlyCollection<string> collectionNames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(collectionNames);
        var bound = await _names.GetAsync(async ct => (await db.IncomingFeeds.AsNoTracking()
            .Where(f => f.Enabled && f.TransportType == IncomingTransportType.TaxiiInbox && f.Transport.CollectionName != null)
            .Select(f => f.Transport.CollectionName!).Distinct().ToListAsync(ct)).ToFrozenSet(StringComparer.Ordinal), cancellationToken);
        return collectionNames.Any(bound.Contains);
    }

    /// <summary>Forgets the set: the next push reads it again.</summary>
    public void Invalidate() => _names.Invalidate();
}
