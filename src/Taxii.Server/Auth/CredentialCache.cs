using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Taxii.Server.Auth;

/// <summary>
/// Remembers for a short time that a password matched a user's stored hash, so that basic-auth clients (which send
/// the password on every request; a multi-part poll is a request per part) pay the deliberately slow PBKDF2 check
/// once per lifetime. Only a keyed HMAC of the password is kept (the key is random per process), compared in constant
/// time. An entry counts only while the stored hash is the same, so a new password takes effect at once, on every
/// host sharing the database; the user row (active or not) is still read on every request.
/// </summary>
internal sealed class CredentialCache(IOptions<AuthOptions> options, TimeProvider time)
{
    // bounded: a flood of distinct valid logins cannot grow it without limit
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<int, Entry> _entries = new();
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public bool IsVerified(int userId, string storedHash, string password) =>
        _entries.TryGetValue(userId, out var entry)
        && entry.Expires > time.GetUtcNow()
        && string.Equals(entry.StoredHash, storedHash, StringComparison.Ordinal)
        && CryptographicOperations.FixedTimeEquals(entry.PasswordMac, Mac(password));

    public void Remember(int userId, string storedHash, string password)
    {
        var lifetime = options.Value.CredentialCacheLifetime;
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[userId] = new Entry(storedHash, Mac(password), time.GetUtcNow() + lifetime);
    }

    private byte[] Mac(string password) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(password));

    private sealed record Entry(string StoredHash, byte[] PasswordMac, DateTimeOffset Expires);
}
