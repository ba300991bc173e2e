using Taxii.Core.Feeds;

namespace Taxii.Feeds.Transports;

/// <summary>Delivers nothing: the run record keeps each package, and the REST API serves it to those allowed.</summary>
internal sealed class HttpDownloadTransport : IOutgoingTransport
{
    public OutgoingTransportType Type => OutgoingTransportType.HttpDownload;

    public bool KeepsContent => true;

    public bool Carries(FeedContentType contentType) => true;

    public Task BeginAsync(OutgoingDelivery delivery, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task DeliverAsync(OutgoingDelivery delivery, FeedPackage package, CancellationToken cancellationToken) => Task.CompletedTask;
}
