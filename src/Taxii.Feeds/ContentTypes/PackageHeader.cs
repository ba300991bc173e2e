using Taxii.Core.Feeds;

namespace Taxii.Feeds.ContentTypes;

/// <summary>What a package says about itself: which feed and run wrote it, and which part of the run it is.</summary>
public sealed record PackageHeader(string FeedName, long RunId, int Sequence, DateTimeOffset Produced, UpdateStrategy Strategy);
