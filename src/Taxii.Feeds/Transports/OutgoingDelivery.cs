using Taxii.Core.Feeds;

namespace Taxii.Feeds.Transports;

/// <summary>The feed and run a transport delivers for; the feed's secrets are still encrypted.</summary>
public sealed record OutgoingDelivery(OutgoingFeed Feed, OutgoingFeedRun Run);
