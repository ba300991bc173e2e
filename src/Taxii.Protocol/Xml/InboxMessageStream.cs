using Taxii.Protocol.Internal;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Xml;

/// <summary>
/// An Inbox_Message being read: <see cref="Header"/> holds every field but the blocks (its ContentBlocks is
/// empty); the blocks stream through <see cref="ReadBlocksAsync"/>.
/// </summary>
public sealed class InboxMessageStream : IAsyncDisposable
{
    private readonly BlockStream _blocks;

    internal InboxMessageStream(TaxiiVersion version, InboxMessage header, BlockStream blocks)
    {
        Version = version;
        Header = header;
        _blocks = blocks;
    }

    public TaxiiVersion Version { get; }

    public InboxMessage Header { get; }

    public IAsyncEnumerable<ContentBlock> ReadBlocksAsync(CancellationToken cancellationToken) => _blocks.ReadAsync(cancellationToken);

    public ValueTask DisposeAsync() => _blocks.DisposeAsync();
}
