using Taxii.Core.Feeds;
using Taxii.Feeds.Secrets;
using Taxii.Protocol.Client;

namespace Taxii.Feeds.Transports;

/// <summary>
/// One run's connection to a remote inbox: its own handler (TLS settings and client certificate are per feed, so no
/// handler can be shared across feeds), kept for the run's packages and disposed with the run, so no socket outlives it.
/// </summary>
internal sealed class TaxiiInboxSession : IDisposable
{
    private readonly TaxiiPeer _peer;

    private TaxiiInboxSession(long runId, string? destination, TaxiiPeer peer)
    {
        RunId = runId;
        Destination = destination;
        _peer = peer;
    }

    public long RunId { get; }

    /// <summary>The inbox's address; it holds no credentials (they are refused in the URL).</summary>
    public Uri Inbox => _peer.Address;

    public string? Destination { get; }

    public TaxiiClient Client => _peer.Client;

    /// <summary>Checks the feed's settings, decrypts its secrets and builds the client.</summary>
    /// <exception cref="FeedDeliveryException">The settings cannot work, or a secret cannot be decrypted.</exception>
    public static TaxiiInboxSession Open(OutgoingDelivery delivery, FeedSecrets secrets, OutgoingFeedOptions options)
    {
        var settings = delivery.Feed.Transport;
        var destination = string.IsNullOrWhiteSpace(settings.DestinationCollection) ? null : settings.DestinationCollection;
        if (settings.TaxiiVersion == "1.0" && destination is not null)
        {
            // the 1.0 Inbox_Message has no Destination_Collection_Name: dropping it would deliver somewhere else
            throw new FeedDeliveryException("A TAXII 1.0 inbox message cannot name a destination collection: clear the destination collection or use TAXII 1.1.");
        }

        var peer = TaxiiPeer.Open(
            new PeerSettings("inbox", settings.InboxUrl, settings.TaxiiVersion, settings.Username, settings.ProtectedPassword, settings.ProtectedClientCertificate, settings.VerifyTls),
            secrets, options.PushTimeout, (message, inner) => new FeedDeliveryException(message, inner));
        return new TaxiiInboxSession(delivery.Run.Id, destination, peer);
    }

    public void Dispose() => _peer.Dispose();
}
