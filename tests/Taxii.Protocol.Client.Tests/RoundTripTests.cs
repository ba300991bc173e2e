using FluentAssertions;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Xml;
using Xunit;

namespace Taxii.Protocol.Client.Tests;

public sealed class RoundTripTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(TaxiiVersion.V11)]
    [InlineData(TaxiiVersion.V10)]
    public async Task Discovery_returns_the_peers_service_instances(TaxiiVersion version)
    {
        var inbox = new ServiceInstance(
            ServiceType.Inbox, version == TaxiiVersion.V11 ? "urn:taxii.mitre.org:services:1.1" : "urn:taxii.mitre.org:services:1.0",
            "urn:taxii.mitre.org:protocol:http:1.0", "http://127.0.0.1/inbox/",
            [version == TaxiiVersion.V11 ? "urn:taxii.mitre.org:message:xml:1.1" : "urn:taxii.mitre.org:message:xml:1.0"])
        {
            Available = true,
        };
        await using var peer = await TaxiiPeer.StartAsync(
            x => x.ReplyAsync(new DiscoveryResponse(MessageIds.New(), x.Message.MessageId) { ServiceInstances = [inbox] }), Ct);
        using var client = TestClient.Create(version);

        var response = await client.Client.DiscoverAsync(peer.ServiceUri, Ct);

        response.InResponseTo.Should().Be(peer.Received.Single().Message.MessageId);
        response.ServiceInstances.Should().ContainSingle().Which.Address.Should().Be("http://127.0.0.1/inbox/");
    }

    [Fact]
    public async Task Collection_information_returns_the_collections()
    {
        await using var peer = await TaxiiPeer.StartAsync(x =>
        {
            x.Message.Should().BeOfType<CollectionInformationRequest>();
            return x.ReplyAsync(new CollectionInformationResponse(MessageIds.New(), x.Message.MessageId)
            {
                Collections = [new CollectionRecord("default", "Everything") { Type = CollectionType.DataSet }],
            });
        }, Ct);
        using var client = TestClient.Create();

        var response = await client.Client.GetCollectionInformationAsync(peer.ServiceUri, Ct);

        var collection = response.Collections.Should().ContainSingle().Subject;
        collection.Name.Should().Be("default");
        collection.Type.Should().Be(CollectionType.DataSet);
    }

    [Fact]
    public async Task Subscription_management_sends_the_request_and_returns_the_subscription()
    {
        await using var peer = await TaxiiPeer.StartAsync(x =>
        {
            var request = (SubscriptionManagementRequest)x.Message;
            return x.ReplyAsync(new SubscriptionManagementResponse(MessageIds.New(), request.MessageId, request.CollectionName)
            {
                Subscriptions = [new SubscriptionInstance("sub-1") { Status = SubscriptionStatus.Active }],
            });
        }, Ct);
        using var client = TestClient.Create();
        var subscribe = new SubscriptionManagementRequest(MessageIds.New(), SubscriptionAction.Subscribe, "default")
        {
            SubscriptionParameters = new SubscriptionParameters(),
        };

        var response = await client.Client.ManageSubscriptionAsync(peer.ServiceUri, subscribe, Ct);

        response.CollectionName.Should().Be("default");
        response.Subscriptions.Should().ContainSingle().Which.SubscriptionId.Should().Be("sub-1");
        var received = peer.Received.Single().Message.Should().BeOfType<SubscriptionManagementRequest>().Subject;
        received.Action.Should().Be(SubscriptionAction.Subscribe);
        received.CollectionName.Should().Be("default");
    }

    [Fact]
    public async Task Inbox_returns_the_SUCCESS_status_and_delivers_every_block()
    {
        await using var peer = await TaxiiPeer.StartAsync(
            x => x.ReplyAsync(new StatusMessage(MessageIds.New(), x.Message.MessageId, StatusType.Success)), Ct);
        using var client = TestClient.Create();
        var message = new InboxMessage(MessageIds.New())
        {
            DestinationCollectionNames = ["default"],
            ContentBlocks = [.. Enumerable.Range(1, 50).Select(Blocks.Numbered)],
        };

        var status = await client.Client.InboxAsync(peer.ServiceUri, message, Ct);

        status.Status.Should().Be(StatusType.Success);
        status.InResponseTo.Should().Be(message.MessageId);
        var received = peer.Received.Single().Message.Should().BeOfType<InboxMessage>().Subject;
        received.DestinationCollectionNames.Should().Equal("default");
        received.ContentBlocks.Select(Blocks.NumberOf).Should().Equal(Enumerable.Range(1, 50));
    }

    [Fact]
    public async Task Inbox_body_is_sent_chunked_rather_than_buffered_to_learn_its_length()
    {
        await using var peer = await TaxiiPeer.StartAsync(
            x => x.ReplyAsync(new StatusMessage(MessageIds.New(), x.Message.MessageId, StatusType.Success)), Ct);
        using var client = TestClient.Create();

        await client.Client.InboxAsync(peer.ServiceUri, new InboxMessage(MessageIds.New()) { ContentBlocks = [Blocks.Numbered(1)] }, Ct);

        var request = peer.Received.Single();
        request.Header("Transfer-Encoding").Should().Be("chunked");
        request.Header("Content-Length").Should().BeNull();
    }

    [Fact]
    public async Task Inbox_blocks_from_a_sequence_reach_the_peer_before_the_client_has_written_them_all()
    {
        const int count = 2_000;
        const int holdAt = 1_000;
        var peerSawFirstBlock = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = 0;
        await using var peer = await TaxiiPeer.StartAsync(async x =>
        {
            await using var inbox = await TaxiiMessageReader.OpenInboxMessageAsync(
                x.Context.Request.Body, TaxiiReaderOptions.Default, x.Aborted);
            await foreach (var block in inbox.ReadBlocksAsync(x.Aborted))
            {
                Blocks.NumberOf(block).Should().Be(++received);
                peerSawFirstBlock.TrySetResult();
            }

            await x.ReplyAsync(new StatusMessage(MessageIds.New(), inbox.Header.MessageId, StatusType.Success), inbox.Version);
        }, Ct, readBody: false);
        using var client = TestClient.Create();
        var clientWaited = false;

        // the client stops half-way until the peer has a block in hand; a client that buffered the whole body
        // before sending would never let it have one
        async IAsyncEnumerable<ContentBlock> HeldBlocksAsync()
        {
            for (var i = 1; i <= count; i++)
            {
                if (i == holdAt)
                {
                    try
                    {
                        await peerSawFirstBlock.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
                        clientWaited = true;
                    }
                    catch (TimeoutException)
                    {
                        clientWaited = false;
                    }
                }

                yield return Blocks.Numbered(i);
            }
        }

        var status = await client.Client.InboxAsync(
            peer.ServiceUri, new InboxMessage(MessageIds.New()) { DestinationCollectionNames = ["default"] }, HeldBlocksAsync(), Ct);

        status.Status.Should().Be(StatusType.Success);
        clientWaited.Should().BeTrue("the peer must read the first block while the client is still writing");
        received.Should().Be(count);
    }
}
