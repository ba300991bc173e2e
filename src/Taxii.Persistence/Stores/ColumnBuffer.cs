using System.Buffers;
using Npgsql;

namespace Taxii.Persistence.Stores;

/// <summary>
/// Reads <c>bytea</c> columns of a sequential reader as a stream: into an array of their own, or into one buffer that
/// each read reuses (taken from the shared pool, grown as needed, and given back by <see cref="Release"/>).
/// </summary>
internal sealed class ColumnBuffer
{
    // a buffer for larger content (blocks of megabytes) is left to the GC: the shared pool would keep it after the read
    private const int MaxPooled = 1024 * 1024;

    private byte[] _shared = [];

    /// <summary>The column's bytes; when <paramref name="share"/>, in the reused buffer, valid until the next read.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReadAsync(NpgsqlDataReader reader, int ordinal, bool share, CancellationToken cancellationToken)
    {
        await using var column = await reader.GetStreamAsync(ordinal, cancellationToken);
        var length = checked((int)column.Length);
        var target = share ? Room(length) : GC.AllocateUninitializedArray<byte>(length);
        await column.ReadExactlyAsync(target.AsMemory(0, length), cancellationToken);
        return target.AsMemory(0, length);
    }

    public void Release()
    {
        Return(_shared);
        _shared = [];
    }

    private byte[] Room(int length)
    {
        if (_shared.Length < length)
        {
            Return(_shared);
            _shared = length <= MaxPooled ? ArrayPool<byte>.Shared.Rent(length) : GC.AllocateUninitializedArray<byte>(length);
        }

        return _shared;
    }

    private static void Return(byte[] buffer)
    {
        if (buffer.Length is > 0 and <= MaxPooled)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
