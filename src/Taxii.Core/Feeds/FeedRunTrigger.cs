namespace Taxii.Core.Feeds;

public enum FeedRunTrigger
{
    Schedule,

    Manual,
}
