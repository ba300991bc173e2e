using System.Buffers;

namespace Taxii.Feeds.Publishing;

/// <summary>
/// A growable byte buffer that does not grow past the package limit unless one write needs it: an
/// <see cref="ArrayBufferWriter{T}"/> doubles, so a package just over half the limit would hold twice the memory.
/// </summary>
internal sealed class PackageBuffer(long limit) : IBufferWriter<byte>
{
    private const int InitialSize = 64 * 1024;
    private byte[] _buffer = new byte[(int)Math.Min(limit, InitialSize)];

    public int WrittenCount { get; private set; }

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, WrittenCount);

    public int Capacity => _buffer.Length;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - WrittenCount);
        WrittenCount += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(WrittenCount);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(WrittenCount);
    }

    private void Reserve(int sizeHint)
    {
        var needed = (long)WrittenCount + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var size = Math.Max(needed, Math.Min(2L * _buffer.Length, limit));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, Array.MaxLength, nameof(sizeHint));
        Array.Resize(ref _buffer, (int)size);
    }
}
