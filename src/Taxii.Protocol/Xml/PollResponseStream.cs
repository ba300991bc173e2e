using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml;

/// <summary>
/// A Poll_Response being read: the header is available at once, the blocks stream through
/// <see cref="ReadBlocksAsync"/> one at a time. In both versions every header field precedes the blocks in XSD
/// order (only a signature, which is not modelled, may follow them), so the header is complete from the start.
/// </summary>
public sealed class PollResponseStream : IAsyncDisposable
{
    private readonly BlockStream _blocks;

    internal PollResponseStream(TaxiiVersion version, PollResponseHeader header, BlockStream blocks)
    {
        Version = version;
        Header = header;
        _blocks = blocks;
    }

    public TaxiiVersion Version { get; }

    public PollResponseHeader Header { get; }

    /// <summary>The blocks, in document order; enumerable once. Malformed input throws <see cref="TaxiiProtocolException"/>.</summary>
    public IAsyncEnumerable<ContentBlock> ReadBlocksAsync(CancellationToken cancellationToken) => _blocks.ReadAsync(cancellationToken);

    public ValueTask DisposeAsync() => _blocks.DisposeAsync();
}
