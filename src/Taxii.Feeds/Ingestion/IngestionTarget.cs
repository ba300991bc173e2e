using Taxii.Core.Feeds;

namespace Taxii.Feeds.Ingestion;

/// <summary>Where a package goes: a dataset, through a feed (and one of its runs) or straight from an upload.</summary>
public sealed record IngestionTarget(int DatasetId, FeedContentType? ContentType, int? FeedId = null, long? RunId = null);
