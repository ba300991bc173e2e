namespace Taxii.Feeds.ContentTypes;

public sealed record FeedChange(FeedChangeKind Kind, FeedEntity Entity);
