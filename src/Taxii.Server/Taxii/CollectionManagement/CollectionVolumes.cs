using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Taxii.Persistence;

namespace Taxii.Server.Taxii.CollectionManagement;

/// <summary>
/// Collection_Volume, which TAXII 1.1 defines as the typical number of records (content blocks) per day: the blocks a
/// collection received over the last <see cref="Window"/> (or since it was made, when that is later, counting at least
/// one day), per day, rounded up so that a collection that receives anything says at least 1. Counted at most once per
/// <see cref="Refresh"/> for each collection, never per request: even bounded to a week, counting a busy collection
/// scans its index.
/// </summary>
internal sealed class CollectionVolumes(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    public static readonly TimeSpan Refresh = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<int, Volume> _volumes = new();

    // one count at a time: requests that arrive while it runs wait for it and take its figures
    private readonly SemaphoreSlim _counting = new(1, 1);

    /// <summary>The volume of each collection, counted in <paramref name="db"/> where not known or older than <see cref="Refresh"/>.</summary>
    public async Task<IReadOnlyDictionary<int, long>> PerDayAsync(TaxiiDbContext db, IReadOnlyList<(int Id, DateTimeOffset CreatedAt)> collections,
        CancellationToken cancellationToken)
    {
        if (collections.Any(c => IsStale(c.Id)))
        {
            await _counting.WaitAsync(cancellationToken);
            try
            {
                var stale = collections.Where(c => IsStale(c.Id)).ToList();
                if (stale.Count > 0)
                {
                    await CountAsync(db, stale, cancellationToken);
                }
            }
            finally
            {
                _counting.Release();
            }
        }

        return collections.ToDictionary(c => c.Id, c => _volumes[c.Id].PerDay);
    }

    private bool IsStale(int collectionId) =>
        !_volumes.TryGetValue(collectionId, out var volume) || volume.CountedAt + Refresh <= time.GetUtcNow();

    private async Task CountAsync(TaxiiDbContext db, List<(int Id, DateTimeOffset CreatedAt)> collections, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var since = now - Window;
        var ids = collections.Select(c => c.Id).ToList();
        var counts = await db.ContentBlocks.AsNoTracking()
            .Where(b => ids.Contains(b.CollectionId) && b.TimestampLabel > since)
            .GroupBy(b => b.CollectionId)
            .Select(g => new { CollectionId = g.Key, Blocks = g.LongCount() })
            .ToDictionaryAsync(g => g.CollectionId, g => g.Blocks, cancellationToken);
        foreach (var (id, createdAt) in collections)
        {
            var days = Math.Clamp((now - createdAt).TotalDays, 1, Window.TotalDays);
            _volumes[id] = new Volume((long)Math.Ceiling(counts.GetValueOrDefault(id) / days), now);
        }
    }

    private sealed record Volume(long PerDay, DateTimeOffset CountedAt);
}
