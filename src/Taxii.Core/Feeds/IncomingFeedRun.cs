namespace Taxii.Core.Feeds;

/// <summary>One run of an incoming feed: the packages it took, what they held, and how it ended.</summary>
public sealed class IncomingFeedRun : IFeedRun
{
    public long Id { get; set; }

    public int FeedId { get; set; }

    public FeedRunTrigger Trigger { get; set; }

    public FeedRunStatus Status { get; set; } = FeedRunStatus.Queued;

    public DateTimeOffset QueuedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Packages stored (each in its own transaction).</summary>
    public int PackageCount { get; set; }

    /// <summary>Packages already ingested into the dataset (same SHA-256), skipped.</summary>
    public int SkippedPackageCount { get; set; }

    /// <summary>Packages refused (too large, unknown or malformed content); the reasons are in <see cref="Errors"/>.</summary>
    public int FailedPackageCount { get; set; }

    public int EntitiesCreated { get; set; }

    public int EntitiesUpdated { get; set; }

    public int EntitiesUnchanged { get; set; }

    public int EntitiesRemoved { get; set; }

    public int ObservableCount { get; set; }

    /// <summary>Why the run as a whole failed (the remote refused, the directory is gone, …); never content or secrets.</summary>
    public string? Error { get; set; }

    public List<IncomingFeedRunError> Errors { get; set; } = [];
}
