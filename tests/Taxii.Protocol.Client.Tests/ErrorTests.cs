using System.Net;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Taxii.Protocol.Messages;
using Xunit;

namespace Taxii.Protocol.Client.Tests;

public sealed class ErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_Status_Message_reply_becomes_a_TaxiiStatusException_with_its_details()
    {
        await using var peer = await TaxiiPeer.StartAsync(x => x.ReplyAsync(
            new StatusMessage(MessageIds.New(), x.Message.MessageId, StatusType.NotFound)
            {
                Details = [new StatusDetail(StatusDetailNames.Item, "nope")],
                Message = "No such collection",
            }), Ct);
        using var client = TestClient.Create();

        var act = () => client.Client.PollAsync(peer.ServiceUri, Poll("nope"), Ct);

        var error = (await act.Should().ThrowAsync<TaxiiStatusException>()).Which;
        error.Status.Should().Be(StatusType.NotFound);
        error.PeerMessage.Should().Be("No such collection");
        error.Details.Should().Equal(new StatusDetail(StatusDetailNames.Item, "nope"));
        error.HttpStatusCode.Should().Be(HttpStatusCode.OK);
        error.Message.Should().Contain("NOT_FOUND").And.Contain("No such collection");
    }

    [Fact]
    public async Task A_non_SUCCESS_inbox_status_throws()
    {
        await using var peer = await TaxiiPeer.StartAsync(x => x.ReplyAsync(
            new StatusMessage(MessageIds.New(), x.Message.MessageId, StatusType.DestinationCollectionError)), Ct);
        using var client = TestClient.Create();

        var act = () => client.Client.InboxAsync(peer.ServiceUri, new InboxMessage(MessageIds.New()), Ct);

        (await act.Should().ThrowAsync<TaxiiStatusException>()).Which.Status.Should().Be(StatusType.DestinationCollectionError);
    }

    [Fact]
    public async Task An_error_answering_an_unreadable_request_id_still_reports_its_status()
    {
        await using var peer = await TaxiiPeer.StartAsync(x => x.ReplyAsync(
            new StatusMessage(MessageIds.New(), MessageIds.Unreadable, StatusType.BadMessage)), Ct);
        using var client = TestClient.Create();

        var act = () => client.Client.DiscoverAsync(peer.ServiceUri, Ct);

        (await act.Should().ThrowAsync<TaxiiStatusException>()).Which.Status.Should().Be(StatusType.BadMessage);
    }

    [Theory]
    [InlineData(400, "BAD_MESSAGE")]
    [InlineData(401, "UNAUTHORIZED")]
    [InlineData(403, "UNAUTHORIZED")]
    [InlineData(407, "UNAUTHORIZED")]
    [InlineData(406, "UNSUPPORTED_MESSAGE")]
    [InlineData(413, "BAD_MESSAGE")]
    [InlineData(415, "UNSUPPORTED_MESSAGE")]
    [InlineData(500, "FAILURE")]
    [InlineData(503, "FAILURE")]
    public async Task Http_statuses_map_to_TAXII_status_types(int httpStatus, string statusType)
    {
        await using var peer = await TaxiiPeer.StartAsync(x => x.ReplyStatusAsync(httpStatus), Ct);
        using var client = TestClient.Create();

        var act = () => client.Client.DiscoverAsync(peer.ServiceUri, Ct);

        var error = (await act.Should().ThrowAsync<TaxiiStatusException>()).Which;
        error.Status.Should().Be(new StatusType(statusType));
        ((int)error.HttpStatusCode).Should().Be(httpStatus);
        error.Reply.Should().BeNull();
    }

    [Fact]
    public async Task A_Status_Message_carried_by_a_non_200_response_is_the_report()
    {
        await using var peer = await TaxiiPeer.StartAsync(async x =>
        {
            x.Context.Response.StatusCode = 401;
            await x.ReplyAsync(new StatusMessage(MessageIds.New(), x.Message.MessageId, StatusType.Unauthorized)
            {
                Message = "Bad credentials",
            });
        }, Ct);
        using var client = TestClient.Create();

        var act = () => client.Client.DiscoverAsync(peer.ServiceUri, Ct);

        var error = (await act.Should().ThrowAsync<TaxiiStatusException>()).Which;
        error.Status.Should().Be(StatusType.Unauthorized);
        error.PeerMessage.Should().Be("Bad credentials");
        error.HttpStatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_reply_to_another_message_id_is_refused()
    {
        await using var peer = await TaxiiPeer.StartAsync(
            x => x.ReplyAsync(new DiscoveryResponse(MessageIds.New(), "12345")), Ct);
        using var client = TestClient.Create();

        var act = () => client.Client.DiscoverAsync(peer.ServiceUri, Ct);

        (await act.Should().ThrowAsync<TaxiiProtocolException>()).Which.Message.Should().Contain("in_response_to '12345'");
    }

    [Fact]
    public async Task A_reply_of_the_wrong_message_type_is_refused()
    {
        await using var peer = await TaxiiPeer.StartAsync(
            x => x.ReplyAsync(new CollectionInformationResponse(MessageIds.New(), x.Message.MessageId)), Ct);
        using var client = TestClient.Create();

        var act = () => client.Client.DiscoverAsync(peer.ServiceUri, Ct);

        await act.Should().ThrowAsync<TaxiiProtocolException>().WithMessage("*DiscoveryResponse*CollectionInformationResponse*");
    }

    [Fact]
    public async Task A_200_without_X_TAXII_Content_Type_is_not_a_TAXII_message()
    {
        await using var peer = await TaxiiPeer.StartAsync(x => x.Context.Response.WriteAsync("<html/>", x.Aborted), Ct);
        using var client = TestClient.Create();

        var act = () => client.Client.DiscoverAsync(peer.ServiceUri, Ct);

        await act.Should().ThrowAsync<TaxiiProtocolException>().WithMessage("*X-TAXII-Content-Type*");
    }

    [Fact]
    public async Task A_header_naming_another_version_than_the_body_is_refused()
    {
        await using var peer = await TaxiiPeer.StartAsync(async x =>
        {
            x.SetTaxiiHeaders(TaxiiVersion.V10);
            await Taxii.Protocol.Xml.TaxiiMessageWriter.WriteAsync(
                x.Context.Response.Body, new DiscoveryResponse(MessageIds.New(), x.Message.MessageId), TaxiiVersion.V11, x.Aborted);
        }, Ct);
        using var client = TestClient.Create();

        var act = () => client.Client.DiscoverAsync(peer.ServiceUri, Ct);

        await act.Should().ThrowAsync<TaxiiProtocolException>();
    }

    [Fact]
    public async Task A_peer_slower_than_the_timeout_gives_a_TimeoutException()
    {
        await using var peer = await TaxiiPeer.StartAsync(x => Task.Delay(Timeout.Infinite, x.Aborted), Ct);
        using var client = new TestClient(new TaxiiClientOptions { Timeout = TimeSpan.FromMilliseconds(300) });

        var act = () => client.Client.DiscoverAsync(peer.ServiceUri, Ct);

        await act.Should().ThrowAsync<TimeoutException>();
    }

    [Fact]
    public async Task Cancelling_the_call_cancels_the_exchange()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var peer = await TaxiiPeer.StartAsync(async x =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, x.Aborted);
        }, Ct);
        using var client = TestClient.Create();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var call = client.Client.DiscoverAsync(peer.ServiceUri, cancel.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await cancel.CancelAsync();

        await FluentActions.Awaiting(() => call).Should().ThrowAsync<OperationCanceledException>();
    }

    private static PollRequest Poll(string collection) =>
        new(MessageIds.New(), collection) { PollParameters = new PollParameters() };
}
