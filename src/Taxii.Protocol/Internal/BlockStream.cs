using System.Runtime.CompilerServices;
using System.Xml;
using Taxii.Protocol.Messages;

namespace Taxii.Protocol.Internal;

/// <summary>
/// The Content_Block tail of a Poll_Response or Inbox_Message, read one block at a time so memory per block does
/// not grow with the message. Owns the XmlReader from the moment the header has been read.
/// </summary>
internal sealed class BlockStream(
    TaxiiXmlReader reader,
    bool atBlock,
    RecordCount? recordCount,
    Func<TaxiiXmlReader, int, ValueTask<ContentBlock>> readBlock) : IAsyncDisposable
{
    private bool _started;

    public bool Completed { get; private set; } = !atBlock;

    public async IAsyncEnumerable<ContentBlock> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_started)
        {
            throw new InvalidOperationException("the content blocks can be enumerated only once");
        }

        _started = true;
        var index = 0;
        while (!Completed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ContentBlock block;
            try
            {
                block = await readBlock(reader, ++index).ConfigureAwait(false);
                EnvelopeReading.CheckRecordCount(reader, recordCount, index);
                Completed = !await reader.NextChildAsync().ConfigureAwait(false);
                if (!Completed && reader.LocalName != "Content_Block")
                {
                    throw reader.Unexpected();
                }
            }
            catch (XmlException ex)
            {
                throw TaxiiReading.NotWellFormed(ex);
            }

            yield return block;
        }

        await TaxiiReading.ExpectEndAsync(reader.Inner).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        reader.Inner.Dispose();
        return ValueTask.CompletedTask;
    }
}
