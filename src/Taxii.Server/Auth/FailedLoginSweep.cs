namespace Taxii.Server.Auth;

/// <summary>
/// When this host last swept ended windows out of the shared failed-login table, and whether the table was full then
/// (<see cref="LoginThrottle.MaxTrackedKeys"/>). One per host: the sweep runs on the failure path at most once per
/// <see cref="Interval"/>, so a flood of failures does not sweep on every request.
/// </summary>
internal sealed class FailedLoginSweep
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private long _lastTicks;
    private volatile bool _full;

    /// <summary>Whether the last sweep left the table full: new keys then go uncounted until a sweep makes room.</summary>
    public bool Full => _full;

    /// <summary>True for the one caller that should sweep now.</summary>
    public bool TryBegin(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastTicks);
        return now.UtcTicks - last >= Interval.Ticks && Interlocked.CompareExchange(ref _lastTicks, now.UtcTicks, last) == last;
    }

    public void Completed(int liveWindows) => _full = liveWindows >= LoginThrottle.MaxTrackedKeys;
}
