using FluentAssertions;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Tests.Support;
using Taxii.Protocol.Xml;
using Taxii.Testing;
using Xunit;

namespace Taxii.Protocol.Tests.Xml;

/// <summary>Poll_Response and Inbox_Message stream in both directions, block by block.</summary>
public sealed class StreamingTests
{
    private static ContentBlock Block(int i) => new(new ContentBinding(ContentBindingIds.Stix12),
        i % 3 == 0 ? TaxiiContent.FromText($"{{\"n\": {i}}}") : TaxiiContent.FromXml(TestMessages.Stix))
    {
        TimestampLabel = TestMessages.T1.AddSeconds(i),
    };

    private static async IAsyncEnumerable<ContentBlock> BlocksAsync(int count, Action<int>? onEach = null)
    {
        for (var i = 0; i < count; i++)
        {
            onEach?.Invoke(i);
            yield return Block(i);
            await Task.Yield();
        }
    }

    [Theory]
    [InlineData(TaxiiVersion.V11)]
    [InlineData(TaxiiVersion.V10)]
    public async Task Poll_response_with_many_blocks_streams_out_validates_and_streams_back(TaxiiVersion version)
    {
        const int Count = 3000;
        var header = new PollResponseHeader("12", "11", "default") { InclusiveEndTimestamp = TestMessages.T2, Message = "m" };
        if (version == TaxiiVersion.V11)
        {
            header = header with { RecordCount = new RecordCount(Count), ExclusiveBeginTimestamp = TestMessages.T1 };
        }

        using var body = new MemoryStream();
        long writtenBeforeEnd = 0;
        await TaxiiMessageWriter.WritePollResponseAsync(body, header,
            BlocksAsync(Count, i => writtenBeforeEnd = i == Count - 1 ? body.Length : writtenBeforeEnd), version, Codec.Ct);

        writtenBeforeEnd.Should().BeGreaterThan(body.Length / 2, "blocks reach the body while later ones are still being produced");
        TaxiiSchemas.Errors(body.ToArray(), version).Should().BeEmpty();

        body.Position = 0;
        await using var stream = await TaxiiMessageReader.OpenPollResponseAsync(body, Codec.Ct);
        stream.Version.Should().Be(version);
        stream.Header.Should().BeEquivalentTo(header, Codec.ByMembers);
        var i = 0;
        await foreach (var block in stream.ReadBlocksAsync(Codec.Ct))
        {
            block.Should().BeEquivalentTo(Block(i++), Codec.ByMembers);
        }

        i.Should().Be(Count);
    }

    [Fact]
    public async Task A_poll_response_whose_blocks_fail_midway_stays_cut_short_in_the_pipe()
    {
        using var body = new MemoryStream();
        var pipe = System.IO.Pipelines.PipeWriter.Create(body);
        var failing = BlocksAsync(50, i => _ = i == 40 ? throw new InvalidOperationException("the store went away") : 0);

        var act = async () => await TaxiiMessageWriter.WritePollResponseAsync(pipe, new PollResponseHeader("1", "2", "c"), failing,
            TaxiiVersion.V11, Codec.Ct);

        await act.Should().ThrowAsync<InvalidOperationException>();
        // what a server does with the pipe afterwards (Kestrel flushes what it holds): no closing tags may be in it
        await pipe.CompleteAsync();
        var text = System.Text.Encoding.UTF8.GetString(body.ToArray());
        text.Should().Contain("Content_Block").And.NotContain(":Poll_Response>", "the closing tags of an unfinished message");
        var read = async () => await TaxiiMessageReader.ReadAsync(new MemoryStream(body.ToArray()), Codec.Ct);
        await read.Should().ThrowAsync<TaxiiProtocolException>();
    }

    [Fact]
    public async Task Inbox_message_streams_both_ways()
    {
        var header = new InboxMessage("5") { DestinationCollectionNames = ["default"], RecordCount = new RecordCount(100) };
        using var body = new MemoryStream();
        await TaxiiMessageWriter.WriteInboxMessageAsync(body, header, BlocksAsync(100), TaxiiVersion.V11, Codec.Ct);
        TaxiiSchemas.Errors(body.ToArray(), TaxiiVersion.V11).Should().BeEmpty();

        body.Position = 0;
        await using var stream = await TaxiiMessageReader.OpenInboxMessageAsync(body, TaxiiReaderOptions.Default, Codec.Ct);
        stream.Header.Should().BeEquivalentTo(header, Codec.ByMembers);
        var count = 0;
        await foreach (var unused in stream.ReadBlocksAsync(Codec.Ct))
        {
            count++;
        }

        count.Should().Be(100);
    }

    [Fact]
    public async Task Reading_allocates_per_block_independently_of_message_size()
    {
        var small = await AllocatedPerBlockAsync(500);
        var large = await AllocatedPerBlockAsync(5000);

        large.Should().BeLessThan(small * 1.25, $"per-block allocation must not grow with the message ({small:F0} vs {large:F0} B)");
    }

    [Fact]
    public async Task A_status_message_where_a_poll_response_was_expected_is_handed_over()
    {
        var status = new StatusMessage("2", "1", StatusType.Unauthorized);
        var body = new MemoryStream(await Codec.WriteAsync(status, TaxiiVersion.V11));

        var act = async () => await TaxiiMessageReader.OpenPollResponseAsync(body, Codec.Ct);

        var ex = (await act.Should().ThrowAsync<TaxiiUnexpectedMessageException>()).Which;
        ex.TaxiiMessage.ShouldEqual(status);
    }

    [Fact]
    public async Task Record_count_below_the_blocks_read_is_refused_while_streaming()
    {
        var header = new PollResponseHeader("12", "11", "default") { RecordCount = new RecordCount(2) };
        using var body = new MemoryStream();
        await TaxiiMessageWriter.WritePollResponseAsync(body, header, BlocksAsync(3), TaxiiVersion.V11, Codec.Ct);
        body.Position = 0;
        await using var stream = await TaxiiMessageReader.OpenPollResponseAsync(body, Codec.Ct);

        var act = async () =>
        {
            await foreach (var unused in stream.ReadBlocksAsync(Codec.Ct))
            {
            }
        };

        (await act.Should().ThrowAsync<TaxiiProtocolException>()).Which.Message
            .Should().Be("Poll_Response: Record_Count 2 is less than the 3 Content_Block elements present");
    }

    private static async Task<double> AllocatedPerBlockAsync(int count)
    {
        using var body = new MemoryStream();
        await TaxiiMessageWriter.WritePollResponseAsync(body, new PollResponseHeader("1", "2", "c"), BlocksAsync(count), TaxiiVersion.V11, Codec.Ct);
        var bytes = body.ToArray();

        // MemoryStream completes every read synchronously, so the work stays on this thread
        var before = GC.GetAllocatedBytesForCurrentThread();
        await using var stream = await TaxiiMessageReader.OpenPollResponseAsync(new MemoryStream(bytes), Codec.Ct);
        await foreach (var unused in stream.ReadBlocksAsync(Codec.Ct))
        {
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)count;
    }
}
