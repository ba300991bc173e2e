using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Persistence.Stores;

namespace Taxii.Server.Auth;

/// <summary>
/// Counts failed logins (basic passwords and API tokens) per client address and per user name from that address,
/// each in a fixed window that starts with the first failure. Over a limit, attempts are refused without checking the
/// password until the window ends. The per-user count is kept per address, so failures from elsewhere never lock
/// a user out of an address it logs in from; a success clears that user's count for its address, not the address's.
/// The client address is the connection's, or a trusted proxy's forwarded one; IPv6 clients count per /64. Counts live
/// in the database (<see cref="FailedLoginStore"/>), so every host on it applies the same limits to the same counts.
/// One per request: <see cref="SucceededAsync"/> relies on the <see cref="RetryAfterAsync"/> before it.
/// </summary>
internal sealed partial class LoginThrottle(
    FailedLoginStore store, FailedLoginSweep sweep, UnblockedLogins unblocked, IOptions<AuthOptions> options, TimeProvider time, ILogger<LoginThrottle> logger)
{
    /// <summary>
    /// Bounds the shared table under a flood of distinct names or addresses (a row is about 100 bytes). When a sweep
    /// finds it full even after dropping ended windows, new keys go uncounted (refusing every newcomer would lock
    /// everyone out) while the addresses and users already counted go on being counted and blocked.
    /// </summary>
    public const int MaxTrackedKeys = 100_000;

    // longer names are no user's (names are at most 200 characters) and are counted under their hash
    private const int MaxNameInKey = 200;

    private bool _userHasFailures;
    private string? _key;

    /// <summary>
    /// How long the caller must wait before its next attempt, or null if it may try now: one indexed read, or none while
    /// <see cref="UnblockedLogins"/> remembers the address and name as unblocked. Throws when the database does
    /// not answer, as the login that follows could not be checked either.
    /// </summary>
    public async Task<TimeSpan?> RetryAfterAsync(IPAddress? address, string? userName, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var keys = Keys(address, userName);
        _key = string.Join('\n', keys);
        if (unblocked.TryGet(_key, out _userHasFailures))
        {
            return null;
        }

        var stamp = unblocked.Stamp();
        var counts = await store.ReadAsync(keys, cancellationToken);
        var now = time.GetUtcNow();
        TimeSpan? wait = null;
        foreach (var count in counts)
        {
            var isAddress = count.Key == keys[0];
            _userHasFailures |= !isAddress;
            var limit = isAddress ? o.MaxFailedLoginsPerAddress : o.MaxFailedLoginsPerUser;
            var ends = count.WindowStart + o.FailedLoginWindow;
            if (count.Failures >= limit && now < ends && (wait is null || ends - now > wait))
            {
                wait = ends - now;
            }
        }

        if (wait is null)
        {
            unblocked.Remember(_key, stamp, _userHasFailures);
        }

        return wait;
    }

    /// <summary>Counts a failed attempt: against the address, and against the user at that address when named.</summary>
    public async Task FailedAsync(IPAddress? address, string? userName)
    {
        // not the request's token: a client that hangs up once its password was checked is counted all the same
        var cancellationToken = CancellationToken.None;
        unblocked.Failed();
        var o = options.Value;
        var now = time.GetUtcNow();
        var keys = Keys(address, userName);
        try
        {
            if (sweep.TryBegin(now))
            {
                sweep.Completed(await store.SweepAsync(now, o.FailedLoginWindow, MaxTrackedKeys, cancellationToken));
            }

            foreach (var count in await store.AddFailureAsync(keys, now, o.FailedLoginWindow, addNew: !sweep.Full, cancellationToken))
            {
                if (count.Key == keys[0] && count.Failures == o.MaxFailedLoginsPerAddress)
                {
                    LogAddressBlocked(ClientKey(address), o.MaxFailedLoginsPerAddress, o.FailedLoginWindow);
                }
                else if (count.Key != keys[0] && count.Failures == o.MaxFailedLoginsPerUser && userName is not null)
                {
                    LogUserBlocked(userName, ClientKey(address), o.MaxFailedLoginsPerUser, o.FailedLoginWindow);
                }
            }
        }
        catch (Exception e) when (DatabaseOutage.Observe(e))
        {
            // the attempt failed whatever happens here: answer it as failed rather than as an outage
            LogUncounted(e, ClientKey(address));
        }
    }

    /// <summary>
    /// A verified login clears the user's failures at this address (the address's own count stays); a round trip only
    /// when <see cref="RetryAfterAsync"/> found some.
    /// </summary>
    public async Task SucceededAsync(IPAddress? address, string userName)
    {
        if (!_userHasFailures)
        {
            return;
        }

        try
        {
            var stamp = unblocked.Stamp();
            await store.ClearAsync(Keys(address, userName)[1], CancellationToken.None);
            if (_key is not null)
            {
                unblocked.Remember(_key, stamp, userHasFailures: false);
            }
        }
        catch (Exception e) when (DatabaseOutage.Observe(e))
        {
            // the login was checked: it stands, and the stale count ends with its window
            LogUncounted(e, ClientKey(address));
        }
    }

    /// <summary>The address's key, then the user's at that address when named.</summary>
    private static string[] Keys(IPAddress? address, string? userName)
    {
        var client = ClientKey(address);
        return userName is null ? ["a " + client] : ["a " + client, UserKey(client, userName)];
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

    // user names compare case-insensitively here so that case variants of one name share a count
    private static string UserKey(string client, string userName)
    {
        var name = userName.ToUpperInvariant();
        if (name.Length > MaxNameInKey)
        {
            name = "#" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
        }

        return "u " + client + " " + name;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Limit} failed logins from {Address} within {Window}: its password and token attempts are refused until the window ends")]
    private partial void LogAddressBlocked(string address, int limit, TimeSpan window);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Limit} failed logins as {User} from {Address} within {Window}: that user's attempts from there are refused until the window ends")]
    private partial void LogUserBlocked(string user, string address, int limit, TimeSpan window);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A failed-login count for {Address} could not be written: the database did not answer")]
    private partial void LogUncounted(Exception exception, string address);
}
