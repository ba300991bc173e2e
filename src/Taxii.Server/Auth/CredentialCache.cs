using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Taxii.Server.Auth;

/// <summary>
/// Remembers successful basic logins for a short time, keyed by user name, holding only a keyed hash of the
/// password (the key is random per process), compared in constant time. Failures are never cached, so its size is
/// bounded by the number of users who logged in.
/// </summary>
internal sealed class CredentialCache(IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public bool TryGet(string name, string password, out CachedLogin login)
    {
        login = default;
        if (!_entries.TryGetValue(name, out var entry) || entry.Expires <= time.GetUtcNow())
        {
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(entry.PasswordHash, Hash(name, password)))
        {
            return false;
        }

        login = entry.Login;
        return true;
    }

    public void Add(string name, string password, CachedLogin login)
    {
        var lifetime = options.Value.CredentialCacheLifetime;
        if (lifetime > TimeSpan.Zero)
        {
            _entries[name] = new Entry(Hash(name, password), login, time.GetUtcNow() + lifetime);
        }
    }

    /// <summary>Forget a user's login: after a password change, deactivation or deletion.</summary>
    public void Invalidate(string name) => _entries.TryRemove(name, out _);

    private byte[] Hash(string name, string password) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(name + "\0" + password));

    private sealed record Entry(byte[] PasswordHash, CachedLogin Login, DateTimeOffset Expires);
}
