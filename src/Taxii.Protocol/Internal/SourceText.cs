using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Xml;

namespace Taxii.Protocol.Internal;

/// <summary>
/// The body decoded to characters, handed to XmlReader as its input, with the characters kept from
/// <see cref="Scanner"/>'s position on, so content can be cut from the source exactly as written. The body is decoded
/// here (see <see cref="BodyEncoding"/>) rather than inside XmlReader, so the characters the reader checks are the
/// ones kept. Buffers are pooled; characters before the kept position are dropped as the reader moves on, and when
/// the message has no content blocks (<see cref="StopRecording"/>) nothing is kept at all.
/// </summary>
internal sealed class SourceText : TextReader
{
    private const int ByteBufferSize = 16 * 1024;

    // larger buffers (a block of megabytes) are left to the GC: the shared pool would keep them after the request
    private const int MaxPooledChars = 1024 * 1024;

    // the decoder always gets at least this much room, so a surrogate pair or a long run of bytes always fits
    private const int MinRoom = 8 * 1024;

    private readonly Stream _stream;
    private readonly RootWatcher _watcher = new();
    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(ByteBufferSize);
    private int _bytePos;
    private int _byteEnd;
    private bool _streamEnded;
    private bool _flushed;
    private Decoder? _decoder;
    private char[] _chars = ArrayPool<char>.Shared.Rent(4 * MinRoom);
    private int _length;
    private int _delivered;
    private long _origin;
    private bool _recording = true;
    private ExceptionDispatchInfo? _failure;

    public SourceText(Stream stream)
    {
        _stream = stream;
        Scanner = new MarkupScanner(this);
    }

    /// <summary>Where content is cut; the characters from its position on are kept while recording.</summary>
    public MarkupScanner Scanner { get; }

    /// <summary>
    /// While recording: moves the scanner past the start tag of the element the reader has just stepped to, so the
    /// characters before it are dropped and the Content of a block is found where the reader found it.
    /// </summary>
    public void Follow(XmlReader reader)
    {
        if (_recording)
        {
            Scanner.SeekElement(reader.Depth, reader.Prefix, reader.LocalName);
        }
    }

    /// <summary>
    /// Reads the body until it ends or the byte buffer is full (16 KiB), before anything is decoded: true when the whole
    /// body is now held, so reading from this source never waits for the body again.
    /// </summary>
    public async ValueTask<bool> BufferAllAsync()
    {
        ObjectDisposedException.ThrowIf(_chars.Length == 0, this);
        try
        {
            while (!_streamEnded && _byteEnd < _bytes.Length)
            {
                Received(await _stream.ReadAsync(_bytes.AsMemory(_byteEnd)).ConfigureAwait(false));
            }
        }
        catch (Exception e) when (_byteEnd > 0)
        {
            // the body failed (over its limit, cut off) after some of it came: what came is parsed first, so an answer
            // can still name the message's id, and the failure is thrown when the reader needs more than that
            _failure = ExceptionDispatchInfo.Capture(e);
            return false;
        }

        return _streamEnded;
    }

    /// <summary>Characters the buffer holds room for: what the source costs on top of the reader.</summary>
    public int Capacity => _chars.Length;

    /// <summary>Keeps nothing from now on: the message has no content to cut (<see cref="RootWatcher"/> decides).</summary>
    public void StopRecording() => _recording = false;

    /// <summary>The decoded characters from document offset <paramref name="from"/> on; valid until the next read.</summary>
    public ReadOnlySpan<char> From(long from) =>
        from >= _origin && from <= _origin + _length
            ? _chars.AsSpan((int)(from - _origin), _length - (int)(from - _origin))
            : throw new InvalidOperationException("source characters no longer kept");

    public override int Peek()
    {
        if (_delivered == _length && !Fill())
        {
            return -1;
        }

        return _chars[_delivered];
    }

    public override int Read()
    {
        var c = Peek();
        if (c >= 0)
        {
            _delivered++;
        }

        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || (_delivered == _length && !Fill()))
        {
            return 0;
        }

        return Deliver(buffer);
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) =>
        ReadAsync(buffer.AsMemory(index, count)).AsTask();

    public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return ValueTask.FromResult(0);
        }

        return _delivered < _length ? ValueTask.FromResult(Deliver(buffer.Span)) : ReadSlowAsync(buffer, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _chars.Length > 0)
        {
            // the body stream belongs to the caller and stays open
            Return(_chars);
            ArrayPool<byte>.Shared.Return(_bytes);
            _chars = [];
            _bytes = [];
            _length = _delivered = 0;
        }

        base.Dispose(disposing);
    }

    private async ValueTask<int> ReadSlowAsync(Memory<char> buffer, CancellationToken cancellationToken)
    {
        while (!TryDecode())
        {
            _failure?.Throw();
            Received(await _stream.ReadAsync(ByteRoom(), cancellationToken).ConfigureAwait(false));
        }

        return _delivered < _length ? Deliver(buffer.Span) : 0;
    }

    private bool Fill()
    {
        while (!TryDecode())
        {
            _failure?.Throw();
            Received(_stream.Read(ByteRoom().Span));
        }

        return _delivered < _length;
    }

    private int Deliver(Span<char> buffer)
    {
        var count = Math.Min(buffer.Length, _length - _delivered);
        _chars.AsSpan(_delivered, count).CopyTo(buffer);
        _delivered += count;
        return count;
    }

    private Memory<byte> ByteRoom()
    {
        if (_bytePos == _byteEnd)
        {
            _bytePos = _byteEnd = 0;
        }

        return _bytes.AsMemory(_byteEnd);
    }

    private void Received(int count)
    {
        _byteEnd += count;
        _streamEnded = count == 0;
    }

    /// <summary>Decodes what the byte buffer holds; false when more bytes must be read first.</summary>
    private bool TryDecode()
    {
        ObjectDisposedException.ThrowIf(_chars.Length == 0, this);
        if (_decoder is null)
        {
            var head = _bytes.AsSpan(0, _byteEnd);
            if (!_streamEnded && !BodyEncoding.IsComplete(head) && _byteEnd < _bytes.Length)
            {
                return false;
            }

            _decoder = BodyEncoding.Detect(head, out _bytePos).GetDecoder();
        }

        if (_bytePos == _byteEnd)
        {
            if (!_streamEnded)
            {
                return false;
            }

            if (_flushed)
            {
                return true;
            }
        }

        MakeRoom();
        try
        {
            _decoder.Convert(_bytes.AsSpan(_bytePos, _byteEnd - _bytePos), _chars.AsSpan(_length), _streamEnded,
                out var bytesUsed, out var charsUsed, out var completed);
            _bytePos += bytesUsed;
            _length += charsUsed;
            _flushed = _streamEnded && completed && _bytePos == _byteEnd;
            if (_recording && !_watcher.Done)
            {
                _watcher.Advance(this);
            }

            return charsUsed > 0 || _flushed;
        }
        catch (DecoderFallbackException ex)
        {
            throw new XmlException("the body holds bytes that are not valid in its encoding", ex);
        }
    }

    /// <summary>Drops characters nobody needs any more, and grows the buffer when what is kept fills it.</summary>
    private void MakeRoom()
    {
        if (_chars.Length - _length >= MinRoom)
        {
            return;
        }

        // characters the reader has not had yet are never dropped
        var delivered = _origin + _delivered;
        var keep = _recording ? Math.Min(Scanner.Position, delivered) : delivered;
        var drop = (int)(keep - _origin);
        if (drop > 0)
        {
            _chars.AsSpan(drop, _length - drop).CopyTo(_chars);
            _length -= drop;
            _delivered -= drop;
            _origin += drop;
        }

        if (_chars.Length - _length < Math.Max(MinRoom, _chars.Length / 4))
        {
            var size = _chars.Length * 2;
            var larger = size <= MaxPooledChars ? ArrayPool<char>.Shared.Rent(size) : GC.AllocateUninitializedArray<char>(size);
            _chars.AsSpan(0, _length).CopyTo(larger);
            Return(_chars);
            _chars = larger;
        }
    }

    private static void Return(char[] chars)
    {
        if (chars.Length <= MaxPooledChars)
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
