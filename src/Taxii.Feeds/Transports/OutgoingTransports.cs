using Taxii.Core.Feeds;

namespace Taxii.Feeds.Transports;

/// <summary>The transport of each <see cref="OutgoingTransportType"/>, for a run (scoped: one run's instances).</summary>
public sealed class OutgoingTransports(IEnumerable<IOutgoingTransport> transports)
{
    private readonly Dictionary<OutgoingTransportType, IOutgoingTransport> _byType = transports.ToDictionary(t => t.Type);

    public IOutgoingTransport For(OutgoingTransportType type) =>
        _byType.TryGetValue(type, out var transport)
            ? transport
            : throw new InvalidOperationException($"No outgoing transport is registered for {type}.");
}
