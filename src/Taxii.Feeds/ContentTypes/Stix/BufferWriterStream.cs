using System.Buffers;

namespace Taxii.Feeds.ContentTypes.Stix;

/// <summary>
/// A write-only stream that passes bytes to <see cref="Target"/> while one is set and drops them otherwise. An
/// <see cref="System.Xml.XmlWriter"/> writes a fragment inside a wrapper that declares the package's namespaces; only
/// the fragment reaches the package, so it is written with the prefixes the package root declares.
/// </summary>
internal sealed class BufferWriterStream : Stream
{
    public IBufferWriter<byte>? Target { get; set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => Target?.Write(buffer);

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
