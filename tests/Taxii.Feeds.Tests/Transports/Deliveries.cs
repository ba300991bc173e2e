using System.Security.Cryptography;
using System.Text;
using Taxii.Core.Feeds;
using Taxii.Feeds.Transports;
using Taxii.Protocol.Messages;

namespace Taxii.Feeds.Tests.Transports;

/// <summary>Feeds, runs and packages as the run engine hands them to a transport.</summary>
internal static class Deliveries
{
    private static long _runs;

    /// <summary>A delivery of a new run (each call a new run id, as each run is).</summary>
    public static OutgoingDelivery For(OutgoingTransportType type, OutgoingTransportSettings transport)
    {
        var feed = new OutgoingFeed { Id = 7, Name = "outgoing", TransportType = type, Transport = transport };
        return new OutgoingDelivery(feed, new OutgoingFeedRun { Id = Interlocked.Increment(ref _runs), FeedId = feed.Id });
    }

    public static FeedPackage Json(int sequence, string json) =>
        Package(sequence, $"outgoing-{sequence}.json", ContentBindingIds.EclecticIqJson10, "application/json", isXml: false, json);

    public static FeedPackage Stix(int sequence, string xml) =>
        Package(sequence, $"outgoing-{sequence}.xml", ContentBindingIds.Stix12, "application/xml", isXml: true, xml);

    public static FeedPackage Package(int sequence, string fileName, string binding, string mediaType, bool isXml, string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        return new FeedPackage(sequence, fileName, binding, mediaType, isXml, bytes, SHA256.HashData(bytes), EntityCount: 1);
    }
}
