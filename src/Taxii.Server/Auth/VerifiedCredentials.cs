using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Taxii.Server.Auth;

/// <summary>
/// Remembers, for a short time, that a password was verified against a stored hash, so that HTTP basic clients (which
/// send the password with every request) pay the deliberately slow PBKDF2 check once per <see cref="Lifetime"/> instead
/// of on every request: a multi-part poll is one request per part. Only a keyed HMAC of the password is kept, with a key
/// that never leaves this process; an entry counts only while the user's stored hash is unchanged, so a new password or
/// a reset takes effect at once. The user row (and IsActive) is still read on every request.
/// </summary>
internal sealed class VerifiedCredentials(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    // bounded: a flood of distinct valid logins cannot grow it without limit
    private const int MaxEntries = 10_000;

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<int, Entry> _entries = new();

    public bool IsKnown(int userId, string storedHash, string password) =>
        _entries.TryGetValue(userId, out var entry)
        && entry.ExpiresAt > time.GetUtcNow()
        && string.Equals(entry.StoredHash, storedHash, StringComparison.Ordinal)
        && CryptographicOperations.FixedTimeEquals(entry.PasswordMac, Mac(password));

    public void Remember(int userId, string storedHash, string password)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[userId] = new Entry(storedHash, Mac(password), time.GetUtcNow() + Lifetime);
    }

    private byte[] Mac(string password) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(password));

    private sealed record Entry(string StoredHash, byte[] PasswordMac, DateTimeOffset ExpiresAt);
}
