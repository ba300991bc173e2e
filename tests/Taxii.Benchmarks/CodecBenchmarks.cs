using System.Text;
using BenchmarkDotNet.Attributes;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Xml;

namespace Taxii.Benchmarks;

/// <summary>
/// The TAXII 1.1 codec on the two message shapes that carry content: a Poll_Response of 1,000 STIX blocks of
/// 4 KB (streamed both ways) and an Inbox_Message of 100 such blocks (whole-message API). Content throughput is
/// the content bytes (<see cref="ContentBytesPerBlock"/> × blocks) divided by the mean time.
/// </summary>
[MemoryDiagnoser]
// BenchmarkDotNet derives from benchmark classes, so this one cannot be sealed
public class CodecBenchmarks
{
    private const int PollBlocks = 1000;
    private const int InboxBlocks = 100;

    private ContentBlock[] _blocks = [];
    private PollResponseHeader _header = null!;
    private InboxMessage _inbox = null!;
    private byte[] _pollBytes = [];
    private byte[] _inboxBytes = [];

    /// <summary>UTF-8 size of one block's content (about 4 KB of STIX 1.2).</summary>
    public static int ContentBytesPerBlock { get; } = Encoding.UTF8.GetByteCount(Stix.Package(0));

    [GlobalSetup]
    public void Setup()
    {
        _blocks = Enumerable.Range(0, PollBlocks)
            .Select(i => new ContentBlock(new ContentBinding(ContentBindingIds.Stix12), TaxiiContent.FromXml(Stix.Package(i)))
            {
                TimestampLabel = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(i),
            })
            .ToArray();
        _header = new PollResponseHeader("1", "2", "default")
        {
            InclusiveEndTimestamp = DateTimeOffset.UnixEpoch,
            RecordCount = new RecordCount(PollBlocks),
        };
        _inbox = new InboxMessage("3") { RecordCount = new RecordCount(InboxBlocks), ContentBlocks = _blocks[..InboxBlocks] };

        using var poll = new MemoryStream();
        TaxiiMessageWriter.WritePollResponseAsync(poll, _header, Blocks(), TaxiiVersion.V11, default).AsTask().GetAwaiter().GetResult();
        _pollBytes = poll.ToArray();
        using var inbox = new MemoryStream();
        TaxiiMessageWriter.WriteAsync(inbox, _inbox, TaxiiVersion.V11, default).AsTask().GetAwaiter().GetResult();
        _inboxBytes = inbox.ToArray();
        Console.WriteLine($"// content per block: {ContentBytesPerBlock} B; poll document {_pollBytes.Length} B; inbox document {_inboxBytes.Length} B");
    }

    [Benchmark(Description = "Poll_Response 1000x4KB: stream out")]
    public ValueTask WritePollResponse() =>
        TaxiiMessageWriter.WritePollResponseAsync(Stream.Null, _header, Blocks(), TaxiiVersion.V11, default);

    [Benchmark(Description = "Poll_Response 1000x4KB: stream in")]
    public async Task<int> ReadPollResponse()
    {
        await using var stream = await TaxiiMessageReader.OpenPollResponseAsync(new MemoryStream(_pollBytes, writable: false), default);
        var length = 0;
        await foreach (var block in stream.ReadBlocksAsync(default))
        {
            length += block.Content.Value.Length;
        }

        return length;
    }

    [Benchmark(Description = "Inbox_Message 100x4KB: write")]
    public ValueTask WriteInbox() => TaxiiMessageWriter.WriteAsync(Stream.Null, _inbox, TaxiiVersion.V11, default);

    [Benchmark(Description = "Inbox_Message 100x4KB: read")]
    public async Task<ITaxiiMessage> ReadInbox() =>
        (await TaxiiMessageReader.ReadAsync(new MemoryStream(_inboxBytes, writable: false), default)).Message;

#pragma warning disable CS1998 // an in-memory source: the blocks are already there
    private async IAsyncEnumerable<ContentBlock> Blocks()
#pragma warning restore CS1998
    {
        foreach (var block in _blocks)
        {
            yield return block;
        }
    }
}
