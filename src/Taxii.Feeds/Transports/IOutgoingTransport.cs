using Taxii.Core.Feeds;

namespace Taxii.Feeds.Transports;

/// <summary>
/// Takes a run's packages to their recipients, one at a time, in sequence order. A failure throws
/// <see cref="FeedDeliveryException"/> with a message fit for the run record (no content, no secrets).
/// </summary>
public interface IOutgoingTransport
{
    OutgoingTransportType Type { get; }

    /// <summary>Whether the run record keeps each package's bytes (HTTP download serves them from there).</summary>
    bool KeepsContent { get; }

    /// <summary>Whether the transport can carry the content type (TAXII carries EclecticIQ JSON and STIX only).</summary>
    bool Carries(FeedContentType contentType);

    /// <summary>Called once before the first package (also when a run has no package at all).</summary>
    Task BeginAsync(OutgoingDelivery delivery, CancellationToken cancellationToken);

    Task DeliverAsync(OutgoingDelivery delivery, FeedPackage package, CancellationToken cancellationToken);
}
