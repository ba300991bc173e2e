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

    Task FetchAsync(IncomingFetch fetch, CancellationToken cancellationToken);
}
