using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Taxii.Server.Auth;

/// <summary>
/// Client addresses (and user names at them) whose shared failed-login counts were found under their limits,
/// remembered for <see cref="AuthOptions.CallerCacheLifetime"/> so that a client logging in on every request is not
/// checked against the database each time. Any failed login on this host forgets them all, so an address that fails
/// here is checked again from its next attempt. What other hosts count meanwhile is seen within the lifetime: past a
/// limit reached elsewhere, at most one attempt per host per lifetime gets through to a password check, as each
/// failure here ends the reprieve.
/// </summary>
internal sealed class UnblockedLogins(IOptions<AuthOptions> options, TimeProvider time)
{
    // bounded: a flood of distinct addresses cannot grow it without limit
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _failures;

    /// <summary>Read before the counts are; pass it to <see cref="Remember"/>.</summary>
    public long Stamp() => Interlocked.Read(ref _failures);

    /// <summary>Whether <paramref name="key"/> is known to be unblocked, and whether its user had failures then.</summary>
    public bool TryGet(string key, out bool userHasFailures)
    {
        var known = _entries.TryGetValue(key, out var entry) && entry.Failures == Stamp() && entry.Expires > time.GetUtcNow();
        userHasFailures = known && entry!.UserHasFailures;
        return known;
    }

    public void Remember(string key, long stamp, bool userHasFailures)
    {
        var lifetime = options.Value.CallerCacheLifetime;
        if (lifetime <= TimeSpan.Zero || stamp != Stamp())
        {
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = new Entry(stamp, userHasFailures, time.GetUtcNow() + lifetime);
    }

    /// <summary>A failed login here: everything remembered is checked again.</summary>
    public void Failed() => Interlocked.Increment(ref _failures);

    private sealed record Entry(long Failures, bool UserHasFailures, DateTimeOffset Expires);
}
