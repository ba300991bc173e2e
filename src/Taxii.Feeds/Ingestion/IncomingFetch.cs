using Taxii.Core.Feeds;

namespace Taxii.Feeds.Ingestion;

/// <summary>What a source fetches for: the feed (tracked, so a source may move its position on it), the run, and the pipeline.</summary>
public sealed record IncomingFetch(IncomingFeed Feed, IncomingFeedRun Run, Func<IncomingPackage, CancellationToken, Task<PackageOutcome>> IngestAsync);
