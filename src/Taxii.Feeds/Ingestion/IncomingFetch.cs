using Taxii.Core.Feeds;

namespace Taxii.Feeds.Ingestion;

/// <summary>
/// What a source fetches for: the feed (tracked, so a source may move its position on it), the run, and where packages
/// go. <see cref="IngestAsync"/> reads the package before it returns and stores it with the run's next batch; what the
/// source changes on tracked rows meanwhile (the feed's position, a file remembered as read) is saved with that batch,
/// so it is never saved ahead of packages offered before it.
/// </summary>
public sealed record IncomingFetch(IncomingFeed Feed, IncomingFeedRun Run, Func<IncomingPackage, CancellationToken, Task> IngestAsync);
