using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Taxii.Protocol.Messages;
using Xunit;

namespace Taxii.Protocol.Client.Tests;

public sealed class PollTests
{
    private static readonly DateTimeOffset Begin = Blocks.Label(0);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PollAsync_returns_the_whole_response()
    {
        await using var peer = await TaxiiPeer.StartAsync(x =>
        {
            var request = (PollRequest)x.Message;
            return x.ReplyAsync(new PollResponse(new PollResponseHeader(MessageIds.New(), request.MessageId, request.CollectionName)
            {
                InclusiveEndTimestamp = Blocks.Label(3),
            })
            {
                ContentBlocks = [Blocks.Numbered(1), Blocks.Numbered(2), Blocks.Numbered(3)],
            });
        }, Ct);
        using var client = TestClient.Create();

        var response = await client.Client.PollAsync(
            peer.ServiceUri, new PollRequest(MessageIds.New(), "default") { PollParameters = new PollParameters() }, Ct);

        response.Header.CollectionName.Should().Be("default");
        response.Header.InclusiveEndTimestamp.Should().Be(Blocks.Label(3));
        response.ContentBlocks.Select(Blocks.NumberOf).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task PollAllAsync_follows_a_three_part_result_and_streams_every_block_in_order()
    {
        await using var peer = await TaxiiPeer.StartAsync(x => x.Message switch
        {
            PollRequest poll => ReplyPartAsync(x, poll.CollectionName, part: 1),
            PollFulfillmentRequest fulfillment => ReplyPartAsync(x, fulfillment.CollectionName, fulfillment.ResultPartNumber),
            _ => throw new InvalidOperationException("unexpected request"),
        }, Ct);
        using var client = TestClient.Create();
        var progress = new TaxiiPollProgress();

        var numbers = new List<int>();
        await foreach (var block in client.Client.PollAllAsync(peer.ServiceUri, "default", Begin, null, progress, Ct))
        {
            numbers.Add(Blocks.NumberOf(block));
        }

        numbers.Should().Equal(Enumerable.Range(1, 30));
        progress.InclusiveEndTimestamp.Should().Be(Blocks.Label(30));
        progress.BeginTimestamp.Should().Be(Begin);
        progress.PartCount.Should().Be(3);
        progress.BlockCount.Should().Be(30);
        progress.ResultId.Should().Be("result-1");
        progress.IsComplete.Should().BeTrue();

        var requests = peer.Received.Select(r => r.Message).ToList();
        var first = requests[0].Should().BeOfType<PollRequest>().Subject;
        first.CollectionName.Should().Be("default");
        first.ExclusiveBeginTimestamp.Should().Be(Begin);
        first.InclusiveEndTimestamp.Should().BeNull();
        requests.Skip(1).Cast<PollFulfillmentRequest>()
            .Select(f => (f.CollectionName, f.ResultId, f.ResultPartNumber))
            .Should().Equal(("default", "result-1", 2), ("default", "result-1", 3));
    }

    [Fact]
    public async Task A_peer_that_names_no_end_leaves_the_latest_label_received_as_the_measure()
    {
        // as OpenTAXII answers a poll without an end: no Inclusive_End_Timestamp in any part; labels out of order
        // inside a part, and a block without a label, which says nothing about how far the result went
        await using var peer = await TaxiiPeer.StartAsync(x =>
        {
            var part = x.Message is PollFulfillmentRequest fulfillment ? fulfillment.ResultPartNumber : 1;
            var header = new PollResponseHeader(MessageIds.New(), x.Message.MessageId, "default")
            {
                More = part == 1,
                ResultId = "result-1",
                ResultPartNumber = part,
            };
            ContentBlock[] blocks = part == 1
                ? [Blocks.Numbered(2), Blocks.Numbered(1)]
                : [Blocks.Numbered(4), Blocks.Numbered(3), Blocks.Numbered(9) with { TimestampLabel = null }];
            return x.ReplyPollAsync(header, blocks.ToAsyncEnumerable());
        }, Ct);
        using var client = TestClient.Create();
        var progress = new TaxiiPollProgress();

        var numbers = new List<int>();
        await foreach (var block in client.Client.PollAllAsync(peer.ServiceUri, "default", Begin, null, progress, Ct))
        {
            numbers.Add(Blocks.NumberOf(block));
        }

        numbers.Should().Equal(2, 1, 4, 3, 9);
        progress.InclusiveEndTimestamp.Should().BeNull();
        progress.LatestTimestampLabel.Should().Be(Blocks.Label(4));
        progress.PartCount.Should().Be(2);
    }

    [Fact]
    public async Task PollAllAsync_hands_out_the_first_block_before_the_peer_has_finished_writing()
    {
        const int count = 2_000;
        const int holdAt = 1_000;
        var firstBlockSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var peerWaited = false;
        await using var peer = await TaxiiPeer.StartAsync(x =>
        {
            var request = (PollRequest)x.Message;
            var header = new PollResponseHeader(MessageIds.New(), request.MessageId, request.CollectionName)
            {
                InclusiveEndTimestamp = Blocks.Label(count),
            };
            return x.ReplyPollAsync(header, HeldBlocksAsync());

            // the peer stops half-way until the client has a block in hand; a client that buffered the
            // whole body would never get one, and the peer would go on after its own deadline
            async IAsyncEnumerable<ContentBlock> HeldBlocksAsync()
            {
                for (var i = 1; i <= count; i++)
                {
                    if (i == holdAt)
                    {
                        try
                        {
                            await firstBlockSeen.Task.WaitAsync(TimeSpan.FromSeconds(10), x.Aborted);
                            peerWaited = true;
                        }
                        catch (TimeoutException)
                        {
                            peerWaited = false;
                        }
                    }

                    yield return Blocks.Numbered(i);
                }
            }
        }, Ct);
        using var client = TestClient.Create();
        var progress = new TaxiiPollProgress();

        var expected = 1;
        await foreach (var block in client.Client.PollAllAsync(peer.ServiceUri, "default", null, null, progress, Ct))
        {
            Blocks.NumberOf(block).Should().Be(expected++);
            firstBlockSeen.TrySetResult();
        }

        peerWaited.Should().BeTrue("the first block must reach the caller while the peer is still writing");
        progress.BlockCount.Should().Be(count);
        progress.InclusiveEndTimestamp.Should().Be(Blocks.Label(count));
    }

    [Fact]
    public async Task PollAllAsync_turns_a_Status_Message_into_a_TaxiiStatusException()
    {
        await using var peer = await TaxiiPeer.StartAsync(x => x.ReplyAsync(
            new StatusMessage(MessageIds.New(), x.Message.MessageId, StatusType.Unauthorized) { Message = "Who are you?" }), Ct);
        using var client = TestClient.Create();

        var act = async () =>
        {
            await foreach (var unused in client.Client.PollAllAsync(peer.ServiceUri, "default", null, null, cancellationToken: Ct))
            {
            }
        };

        var error = (await act.Should().ThrowAsync<TaxiiStatusException>()).Which;
        error.Status.Should().Be(StatusType.Unauthorized);
        error.PeerMessage.Should().Be("Who are you?");
    }

    [Fact]
    public async Task PollAllAsync_refuses_a_streamed_reply_to_another_message_id()
    {
        await using var peer = await TaxiiPeer.StartAsync(x => x.ReplyPollAsync(
            new PollResponseHeader(MessageIds.New(), "999", "default") { InclusiveEndTimestamp = Begin }, AsyncBlocks(1)), Ct);
        using var client = TestClient.Create();

        var act = async () =>
        {
            await foreach (var unused in client.Client.PollAllAsync(peer.ServiceUri, "default", null, null, cancellationToken: Ct))
            {
            }
        };

        await act.Should().ThrowAsync<TaxiiProtocolException>().WithMessage("*in_response_to*");
    }

    [Fact]
    public async Task PollAllAsync_in_TAXII_10_reads_the_single_response_and_its_inclusive_bounds()
    {
        await using var peer = await TaxiiPeer.StartAsync(x =>
        {
            var request = (PollRequest)x.Message;
            return x.ReplyPollAsync(new PollResponseHeader(MessageIds.New(), request.MessageId, request.CollectionName)
            {
                InclusiveBeginTimestamp = Blocks.Label(1),
                InclusiveEndTimestamp = Blocks.Label(5),
            }, AsyncBlocks(5));
        }, Ct);
        using var client = TestClient.Create(TaxiiVersion.V10);
        var progress = new TaxiiPollProgress();

        var numbers = new List<int>();
        await foreach (var block in client.Client.PollAllAsync(peer.ServiceUri, "default", Begin, Blocks.Label(5), progress, Ct))
        {
            numbers.Add(Blocks.NumberOf(block));
        }

        numbers.Should().Equal(1, 2, 3, 4, 5);
        progress.BeginTimestamp.Should().Be(Blocks.Label(1));
        progress.InclusiveEndTimestamp.Should().Be(Blocks.Label(5));
        peer.Received.Should().ContainSingle().Which.Read!.Version.Should().Be(TaxiiVersion.V10);
    }

    [Fact]
    public async Task PollAllAsync_refuses_a_part_other_than_the_one_asked_for_instead_of_looping()
    {
        // a peer that ignores result_part_number and answers part 1 with more=true for ever
        await using var peer = await TaxiiPeer.StartAsync(x => x.ReplyPollAsync(
            new PollResponseHeader(MessageIds.New(), x.Message.MessageId, "default")
            {
                More = true,
                ResultId = "result-1",
                InclusiveEndTimestamp = Begin,
            },
            AsyncBlocks(1)), Ct);
        using var client = TestClient.Create();

        var seen = 0;
        var act = async () =>
        {
            await foreach (var unused in client.Client.PollAllAsync(peer.ServiceUri, "default", null, null, cancellationToken: Ct))
            {
                seen++;
            }
        };

        await act.Should().ThrowAsync<TaxiiProtocolException>().WithMessage("Asked for result part 2, the peer sent part 1.");
        seen.Should().Be(1);
        peer.Received.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_peer_that_stalls_mid_body_gives_a_TimeoutException()
    {
        await using var peer = await TaxiiPeer.StartAsync(x => x.ReplyPollAsync(
            new PollResponseHeader(MessageIds.New(), x.Message.MessageId, "default") { InclusiveEndTimestamp = Begin },
            StallingBlocksAsync(x.Aborted)), Ct);
        // long enough for the first blocks to arrive on a loaded machine, so the timeout fires mid-body
        using var client = new TestClient(new TaxiiClientOptions { Timeout = TimeSpan.FromSeconds(1.5) });

        var seen = 0;
        var act = async () =>
        {
            await foreach (var unused in client.Client.PollAllAsync(peer.ServiceUri, "default", null, null, cancellationToken: Ct))
            {
                seen++;
            }
        };

        await act.Should().ThrowAsync<TimeoutException>();
        seen.Should().BePositive();
    }

    [Fact]
    public async Task Cancelling_mid_body_stops_the_stream()
    {
        await using var peer = await TaxiiPeer.StartAsync(x => x.ReplyPollAsync(
            new PollResponseHeader(MessageIds.New(), x.Message.MessageId, "default") { InclusiveEndTimestamp = Begin },
            StallingBlocksAsync(x.Aborted)), Ct);
        using var client = TestClient.Create();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var act = async () =>
        {
            await foreach (var unused in client.Client.PollAllAsync(peer.ServiceUri, "default", null, null, cancellationToken: cancel.Token))
            {
                cancel.CancelAfter(TimeSpan.FromMilliseconds(200));
            }
        };

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task A_peer_that_stalls_a_whole_message_body_gives_a_TimeoutException()
    {
        await using var peer = await TaxiiPeer.StartAsync(async x =>
        {
            x.SetTaxiiHeaders(TaxiiVersion.V11);
            await x.Context.Response.WriteAsync("<taxii_11:Discovery_Response xmlns:taxii_11=", x.Aborted);
            await x.Context.Response.Body.FlushAsync(x.Aborted);
            await Task.Delay(Timeout.Infinite, x.Aborted);
        }, Ct);
        using var client = new TestClient(new TaxiiClientOptions { Timeout = TimeSpan.FromMilliseconds(500) });

        var act = () => client.Client.DiscoverAsync(peer.ServiceUri, Ct);

        await act.Should().ThrowAsync<TimeoutException>();
    }

    // 100 blocks (enough to pass the writer's flush threshold), then nothing until the peer is torn down
    private static async IAsyncEnumerable<ContentBlock> StallingBlocksAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 1; i <= 100; i++)
        {
            yield return Blocks.Numbered(i) with { Content = TaxiiContent.FromText(new string('x', 1024)) };
        }

        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    private static Task ReplyPartAsync(PeerExchange x, string collection, int part)
    {
        var header = new PollResponseHeader(MessageIds.New(), x.Message.MessageId, collection)
        {
            More = part < 3,
            ResultId = "result-1",
            ResultPartNumber = part,
            ExclusiveBeginTimestamp = part == 1 ? Begin : Blocks.Label((part - 1) * 10),
            InclusiveEndTimestamp = Blocks.Label(part * 10),
        };
        return x.ReplyPollAsync(header, AsyncBlocks(10, first: ((part - 1) * 10) + 1));
    }

    private static async IAsyncEnumerable<ContentBlock> AsyncBlocks(int count, int first = 1)
    {
        await Task.Yield();
        for (var i = first; i < first + count; i++)
        {
            yield return Blocks.Numbered(i);
        }
    }
}
