using Taxii.Core.Feeds;

namespace Taxii.Feeds.Ingestion;

/// <summary>The incoming sources by transport type (manual uploads have none: they are ingested as they arrive).</summary>
public sealed class IncomingSources(IEnumerable<IIncomingSource> sources)
{
    private readonly Dictionary<IncomingTransportType, IIncomingSource> _sources = sources.ToDictionary(s => s.Type);

    public IIncomingSource? For(IncomingTransportType type) => _sources.GetValueOrDefault(type);
}
