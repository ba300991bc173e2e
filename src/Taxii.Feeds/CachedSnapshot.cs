namespace Taxii.Feeds;

/// <summary>
/// A value read from the database and trusted for a lifetime in this process, so that a hot path which usually finds
/// nothing to do (content arriving where no feed or subscription waits for it) costs no query.
/// </summary>
/// <remarks>
/// Once the value is stale, one caller reads it again while the others go on with the stale value instead of queueing
/// behind it; with no value yet (or after <see cref="Invalidate"/>) they wait for the read. An <see cref="Invalidate"/>
/// during a read wins: the value read may predate the change that caused it, so it is returned to that caller but not kept.
/// </remarks>
public sealed class CachedSnapshot<T>(TimeProvider time, TimeSpan lifetime)
    where T : class
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Entry? _entry;
    private int _generation;

    /// <summary>The value, read with <paramref name="read"/> when there is none or it is older than the lifetime.</summary>
    public async ValueTask<T> GetAsync(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var entry = Volatile.Read(ref _entry);
        if (entry is not null && entry.ExpiresAt > time.GetUtcNow())
        {
            return entry.Value;
        }

        return await RefreshAsync(read, entry, cancellationToken);
    }

    /// <summary>Forgets the value: the next caller reads it again, and no caller goes on with the old one.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _entry, null);
    }

    private async Task<T> RefreshAsync(Func<CancellationToken, Task<T>> read, Entry? stale, CancellationToken cancellationToken)
    {
        if (stale is null)
        {
            await _refresh.WaitAsync(cancellationToken);
        }
        else if (!await _refresh.WaitAsync(0, cancellationToken))
        {
            return stale.Value;
        }

        try
        {
            if (Volatile.Read(ref _entry) is { } current && current.ExpiresAt > time.GetUtcNow())
            {
                return current.Value;
            }

            var generation = Volatile.Read(ref _generation);
            var fresh = new Entry(await read(cancellationToken), time.GetUtcNow() + lifetime);
            if (Volatile.Read(ref _generation) == generation)
            {
                Volatile.Write(ref _entry, fresh);
            }

            return fresh.Value;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private sealed record Entry(T Value, DateTimeOffset ExpiresAt);
}
