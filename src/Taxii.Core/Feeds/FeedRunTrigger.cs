namespace Taxii.Core.Feeds;

public enum FeedRunTrigger
{
    Schedule,

    Manual,

    /// <summary>Content pushed into the feed's local inbox.</summary>
    Inbox,

    /// <summary>A file uploaded through the REST API.</summary>
    Upload,

    /// <summary>Run again because the run before it was interrupted (its host stopped while it ran) or lost (queued, never started).</summary>
    Recovery,
}
