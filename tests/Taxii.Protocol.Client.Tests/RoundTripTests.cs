using FluentAssertions;
using Taxii.Protocol.Messages;
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
}
