namespace Taxii.Core.Feeds;

public enum FeedRunStatus
{
    /// <summary>Asked for and waiting for a worker.</summary>
    Queued,

    Running,

    Succeeded,

    Failed,
}
