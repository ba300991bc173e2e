using System.Buffers;
using System.IO.Pipelines;

namespace Taxii.Protocol.Internal;

/// <summary>
/// A write-only <see cref="Stream"/> for an <see cref="System.Xml.XmlWriter"/> that puts what it is given straight into
/// a <see cref="PipeWriter"/>'s own buffers, and never flushes the pipe: its owner flushes it, asynchronously, when
/// <see cref="Unflushed"/> says enough is waiting. So nothing blocks, and no buffer of ours sits between the writer and
/// the pipe (a Kestrel response's pipe refuses synchronous flushes, and is where the bytes must end up anyway).
/// </summary>
internal sealed class PipeSink(PipeWriter pipe) : Stream
{
    private bool _discarding;

    /// <summary>Bytes given to the pipe since the owner last flushed it.</summary>
    public long Unflushed { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Flushes the pipe, asynchronously; false when its reader has gone (the client disconnected).</summary>
    public async ValueTask<bool> FlushPipeAsync(CancellationToken cancellationToken)
    {
        Unflushed = 0;
        var result = await pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
        return !result.IsCompleted;
    }

    /// <summary>From now on, what the writer hands over is dropped (the message has failed, or nobody reads it).</summary>
    public void Discard() => _discarding = true;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_discarding)
        {
            return;
        }

        pipe.Write(buffer);
        Unflushed += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    // the XmlWriter flushes its own buffer into this stream and then calls this: the pipe is its owner's to flush
    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
