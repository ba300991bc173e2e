using FluentAssertions;
using Taxii.Protocol.Messages;
using Taxii.Testing;
using Xunit;

namespace Taxii.Protocol.Client.Tests;

public sealed class SchemaTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(TaxiiVersion.V11)]
    [InlineData(TaxiiVersion.V10)]
    public async Task Every_request_the_client_sends_is_valid_against_the_official_XSD(TaxiiVersion version)
    {
        await using var peer = await TaxiiPeer.StartAsync(AnswerAsync, Ct);
        using var client = TestClient.Create(version);
        var v11 = version == TaxiiVersion.V11;

        await client.Client.DiscoverAsync(peer.ServiceUri, Ct);
        await client.Client.GetCollectionInformationAsync(peer.ServiceUri, Ct);
        await client.Client.ManageSubscriptionAsync(
            peer.ServiceUri,
            new SubscriptionManagementRequest(MessageIds.New(), SubscriptionAction.Subscribe, "default")
            {
                SubscriptionParameters = v11 ? new SubscriptionParameters() : null,
            },
            Ct);
        await foreach (var unused in client.Client.PollAllAsync(
            peer.ServiceUri, "default", Blocks.Label(0), Blocks.Label(10), cancellationToken: Ct))
        {
        }

        await client.Client.InboxAsync(
            peer.ServiceUri,
            new InboxMessage(MessageIds.New())
            {
                DestinationCollectionNames = v11 ? ["default"] : [],
                ContentBlocks = [Blocks.Numbered(1), Blocks.Numbered(2)],
            },
            Ct);

        peer.Received.Should().HaveCount(v11 ? 6 : 5, "a 1.1 poll here takes two parts");
        foreach (var request in peer.Received)
        {
            TaxiiSchemas.Errors(request.Body, version).Should().BeEmpty(request.Message.GetType().Name + " must be valid");
        }
    }

    private static Task AnswerAsync(PeerExchange x)
    {
        var id = MessageIds.New();
        var to = x.Message.MessageId;
        return x.Message switch
        {
            DiscoveryRequest => x.ReplyAsync(new DiscoveryResponse(id, to)),
            CollectionInformationRequest => x.ReplyAsync(new CollectionInformationResponse(id, to)),
            SubscriptionManagementRequest s => x.ReplyAsync(new SubscriptionManagementResponse(id, to, s.CollectionName)
            {
                Subscriptions = [new SubscriptionInstance("sub-1")],
            }),
            PollRequest p => x.ReplyAsync(new PollResponse(new PollResponseHeader(id, to, p.CollectionName)
            {
                More = x.Version == TaxiiVersion.V11,
                ResultId = x.Version == TaxiiVersion.V11 ? "result-1" : null,
                InclusiveEndTimestamp = Blocks.Label(5),
            })
            {
                ContentBlocks = [Blocks.Numbered(1)],
            }),
            PollFulfillmentRequest f => x.ReplyAsync(new PollResponse(new PollResponseHeader(id, to, f.CollectionName)
            {
                ResultId = f.ResultId,
                ResultPartNumber = f.ResultPartNumber,
                InclusiveEndTimestamp = Blocks.Label(10),
            })),
            _ => x.ReplyAsync(new StatusMessage(id, to, StatusType.Success)),
        };
    }
}
