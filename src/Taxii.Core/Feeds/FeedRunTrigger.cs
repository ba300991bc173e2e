namespace Taxii.Core.Feeds;

public enum FeedRunTrigger
{
    Schedule,

    Manual,

    /// <summary>Content pushed into the feed's local inbox.</summary>
    Inbox,

    /// <summary>A file uploaded through the REST API.</summary>
    Upload,
}
