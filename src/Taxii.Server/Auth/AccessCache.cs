using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Taxii.Persistence;

namespace Taxii.Server.Auth;

/// <summary>
/// What a request learnt about its caller (the user and its permissions by name, an API token's login), kept for
/// <see cref="AuthOptions.CallerCacheLifetime"/> and dropped as soon as any user, group, role, token or certificate
/// changes (<see cref="AccessChanges"/>), so that an authenticated request costs no database round trip. An answer read
/// while a change was being made is never kept: it is filed under the counter read before the database was asked.
/// </summary>
internal sealed class AccessCache<TKey, TValue>(AccessChanges changes, IOptions<AuthOptions> options, TimeProvider time)
    where TKey : notnull
{
    // bounded: a flood of distinct names cannot grow it without limit
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    /// <summary>
    /// The kept answer for <paramref name="key"/>, or <paramref name="load"/>'s, kept when <paramref name="keep"/> says
    /// so (all by default). The counter is read before loading, so an answer read while access changed is not kept.
    /// </summary>
    public async Task<TValue> GetOrLoadAsync(TKey key, Func<Task<TValue>> load, Func<TValue, bool>? keep = null)
    {
        if (TryGet(key, out var known))
        {
            return known;
        }

        var stamp = changes.Generation;
        var loaded = await load();
        if (keep is null || keep(loaded))
        {
            Remember(key, stamp, loaded);
        }

        return loaded;
    }

    private bool TryGet(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Generation == changes.Generation && entry.Expires > time.GetUtcNow())
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    private void Remember(TKey key, long stamp, TValue value)
    {
        var lifetime = options.Value.CallerCacheLifetime;
        if (lifetime <= TimeSpan.Zero || stamp != changes.Generation)
        {
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = new Entry(stamp, time.GetUtcNow() + lifetime, value);
    }

    private sealed record Entry(long Generation, DateTimeOffset Expires, TValue Value);
}
