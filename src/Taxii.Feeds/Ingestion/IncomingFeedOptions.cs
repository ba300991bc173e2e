namespace Taxii.Feeds.Ingestion;

/// <summary><c>Taxii:IncomingFeeds</c>: how incoming TAXII poll feeds talk to their remote.</summary>
public sealed class IncomingFeedOptions
{
    public const string SectionName = "Taxii:IncomingFeeds";

    /// <summary>Time limit of one poll exchange (one part); a window that times out is split in two and polled again.</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The shortest window a timed-out poll is split down to before the run gives up.</summary>
    public TimeSpan MinimumWindow { get; set; } = TimeSpan.FromMinutes(1);
}
