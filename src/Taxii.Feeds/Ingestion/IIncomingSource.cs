using Taxii.Core.Feeds;

namespace Taxii.Feeds.Ingestion;

/// <summary>
/// Where an incoming feed's packages come from (a remote TAXII collection, the local inbox, a directory). A run calls
/// <see cref="FetchAsync"/> once; the source offers each package to <see cref="IncomingFetch.IngestAsync"/>, in order, and
/// moves its own position (poll window, last block, files read) only past packages that were stored, skipped or
/// recorded as failed. A failure of the source itself throws <see cref="IncomingSourceException"/>: the run fails with
/// its message.
/// </summary>
public interface IIncomingSource
{
    IncomingTransportType Type { get; }

    /// <summary>
    /// Whether packages keep arriving while a run lasts without starting a run of their own (a push to the inbox finds
    /// the feed's run active and queues none): then a run fetches again after storing what it took, until a fetch
    /// finds nothing new. A source that is only read when its run asks (a remote poll, a directory) says false.
    /// </summary>
    bool ArrivesDuringRuns { get; }

    Task FetchAsync(IncomingFetch fetch, CancellationToken cancellationToken);
}
