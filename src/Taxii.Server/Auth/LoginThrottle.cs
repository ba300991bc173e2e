using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Taxii.Server.Auth;

/// <summary>
/// Counts failed logins (basic passwords and API tokens) per client address and per user name from that address,
/// each in a fixed window that starts with the first failure. Over a limit, attempts are refused without checking the
/// password until the window ends. The per-user count is kept per address, so failures from elsewhere never lock
/// a user out of an address it logs in from; a success clears that user's count for its address, not the address's.
/// The client address is the connection's (forwarded headers are not trusted); IPv6 clients count per /64. Counts
/// live in this process only: each host of a cluster applies the limits on its own.
/// </summary>
internal sealed partial class LoginThrottle(IOptions<AuthOptions> options, TimeProvider time, ILogger<LoginThrottle> logger)
{
    /// <summary>
    /// Bounds memory under a flood of distinct names or addresses (about 200 bytes a key). When full, expired windows
    /// are dropped; if none has expired, new keys go uncounted (refusing every newcomer would lock everyone out) while
    /// the addresses and users already blocked stay blocked.
    /// </summary>
    public const int MaxTrackedKeys = 100_000;

    // a full table of live windows is swept at most this often, so a flood does not scan it on every request
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private long _lastSweepTicks;

    // ConcurrentDictionary.Count takes every lock; under a flood this is read on every new key
    private int _count;

    /// <summary>How long the caller must wait before its next attempt, or null if it may try now.</summary>
    public TimeSpan? RetryAfter(IPAddress? address, string? userName)
    {
        var now = time.GetUtcNow();
        var client = ClientKey(address);
        var wait = Wait(AddressKey(client), options.Value.MaxFailedLoginsPerAddress, now);
        if (userName is not null)
        {
            if (Wait(UserKey(client, userName), options.Value.MaxFailedLoginsPerUser, now) is { } userWait && (wait is null || userWait > wait))
            {
                wait = userWait;
            }
        }

        return wait;
    }

    /// <summary>Counts a failed attempt: against the address, and against the user at that address when named.</summary>
    public void Failed(IPAddress? address, string? userName)
    {
        var client = ClientKey(address);
        var o = options.Value;
        if (Count(AddressKey(client), o.MaxFailedLoginsPerAddress))
        {
            LogAddressBlocked(client, o.MaxFailedLoginsPerAddress, o.FailedLoginWindow);
        }

        if (userName is not null && Count(UserKey(client, userName), o.MaxFailedLoginsPerUser))
        {
            LogUserBlocked(userName, client, o.MaxFailedLoginsPerUser, o.FailedLoginWindow);
        }
    }

    /// <summary>A verified login clears the user's failures at this address (the address's own count stays).</summary>
    public void Succeeded(IPAddress? address, string userName) => Remove(UserKey(ClientKey(address), userName));

    /// <summary>Number of windows held; for tests of the memory bound.</summary>
    public int TrackedKeys => Volatile.Read(ref _count);

    private TimeSpan? Wait(string key, int limit, DateTimeOffset now)
    {
        if (!_windows.TryGetValue(key, out var window))
        {
            return null;
        }

        lock (window)
        {
            var ends = window.Start + options.Value.FailedLoginWindow;
            return window.Failures >= limit && now < ends ? ends - now : null;
        }
    }

    /// <summary>Adds a failure to the key's window; true when this failure reached the limit.</summary>
    private bool Count(string key, int limit)
    {
        var now = time.GetUtcNow();
        if (!_windows.TryGetValue(key, out var window))
        {
            if (Volatile.Read(ref _count) >= MaxTrackedKeys && !Sweep(now))
            {
                return false;
            }

            var added = new Window { Start = now };
            if (_windows.TryAdd(key, added))
            {
                Interlocked.Increment(ref _count);
                window = added;
            }
            else if (!_windows.TryGetValue(key, out window))
            {
                return false; // removed again meanwhile: this one failure goes uncounted
            }
        }

        lock (window)
        {
            if (now >= window.Start + options.Value.FailedLoginWindow)
            {
                window.Start = now;
                window.Failures = 0;
            }

            return ++window.Failures == limit;
        }
    }

    /// <summary>Drops expired windows; true if there is room for a new one afterwards.</summary>
    private bool Sweep(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (now.UtcTicks - last >= SweepInterval.Ticks && Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) == last)
        {
            var window = options.Value.FailedLoginWindow;
            foreach (var (key, value) in _windows)
            {
                bool expired;
                lock (value)
                {
                    expired = now >= value.Start + window;
                }

                if (expired)
                {
                    Remove(key);
                }
            }
        }

        return Volatile.Read(ref _count) < MaxTrackedKeys;
    }

    private void Remove(string key)
    {
        if (_windows.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>An IPv4 address as is; an IPv6 one by its /64 prefix, the block one subscriber usually holds.</summary>
    private static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static string AddressKey(string client) => "a " + client;

    // user names compare case-insensitively here so that case variants of one name share a count
    private static string UserKey(string client, string userName) => "u " + client + " " + userName.ToUpperInvariant();

    private sealed class Window
    {
        public DateTimeOffset Start { get; set; }

        public int Failures { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Limit} failed logins from {Address} within {Window}: its password and token attempts are refused until the window ends")]
    private partial void LogAddressBlocked(string address, int limit, TimeSpan window);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Limit} failed logins as {User} from {Address} within {Window}: that user's attempts from there are refused until the window ends")]
    private partial void LogUserBlocked(string user, string address, int limit, TimeSpan window);
}
