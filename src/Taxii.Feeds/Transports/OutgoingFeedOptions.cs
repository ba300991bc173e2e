namespace Taxii.Feeds.Transports;

/// <summary><c>Taxii:OutgoingFeeds</c>: how outgoing feeds push to remote peers (TAXII inboxes, SFTP servers), through <see cref="NetworkRetries"/>.</summary>
public sealed class OutgoingFeedOptions
{
    public const string SectionName = "Taxii:OutgoingFeeds";

    /// <summary>At most this many attempts per package; more would hold a run for long behind one dead peer.</summary>
    public const int MaxPushAttempts = 10;

    /// <summary>Attempts per package, the first included, before the run fails.</summary>
    public int PushAttempts { get; set; } = 4;

    /// <summary>The wait before the second attempt; it doubles before each further one (2 s, 4 s, 8 s by default).</summary>
    public TimeSpan PushRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest one push may take, the answer included, before the attempt counts as failed.</summary>
    public TimeSpan PushTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
