using Taxii.Core.Feeds;

namespace Taxii.Feeds.Transports;

/// <summary>
/// Takes a run's packages to their recipients, one at a time, in sequence order. A failure throws
/// <see cref="FeedDeliveryException"/> with a message fit for the run record (no content, no secrets).
/// </summary>
public interface IOutgoingTransport
{
    OutgoingTransportType Type { get; }

    /// <summary>Called once before the first package (also when a run has no package at all).</summary>
    Task BeginAsync(OutgoingDelivery delivery, CancellationToken cancellationToken);

    Task DeliverAsync(OutgoingDelivery delivery, FeedPackage package, CancellationToken cancellationToken);
}
