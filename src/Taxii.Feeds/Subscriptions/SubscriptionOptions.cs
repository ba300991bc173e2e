namespace Taxii.Feeds.Subscriptions;

/// <summary><c>Taxii:Subscriptions</c>: how subscriptions with push parameters are delivered.</summary>
public sealed class SubscriptionOptions
{
    public const string SectionName = "Taxii:Subscriptions";

    /// <summary>How often pushes are looked for (a Hangfire cron expression); every minute by default.</summary>
    public string DeliveryCron { get; set; } = "* * * * *";

    /// <summary>Longest a subscriber's inbox may take to answer one push before the attempt counts as failed.</summary>
    public TimeSpan PushTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Wait after a failed delivery before the next scheduled run tries the same window again; it doubles with every
    /// failed attempt, up to <see cref="MaxRetryDelay"/>.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Networks (CIDR, such as <c>10.20.0.0/16</c> or <c>127.0.0.1/32</c>) pushes may reach besides public addresses;
    /// loopback, private, link-local and other non-public ranges are refused unless listed (see <see cref="PushDestinations"/>).
    /// </summary>
    public List<string> PushAllowedNetworks { get; set; } = [];

    /// <summary>The delay before attempt number <paramref name="attempts"/> + 1.</summary>
    public TimeSpan DelayAfter(int attempts) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, RetryDelay.Ticks * (1L << Math.Clamp(attempts - 1, 0, 20))));
}
