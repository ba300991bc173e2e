using FluentAssertions;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Tests.Support;
using Taxii.Protocol.Xml;
using Xunit;

namespace Taxii.Protocol.Tests.Xml;

/// <summary>What a version cannot express is refused before a byte is written.</summary>
public sealed class WriterVersionTests
{
    public static TheoryData<string, ITaxiiMessage, TaxiiVersion, string> Unexpressible() => new()
    {
        { "Poll_Fulfillment in 1.0", new PollFulfillmentRequest("1", "c", "r"), TaxiiVersion.V10, "Poll_Fulfillment cannot be expressed in TAXII 1.0" },
        { "non-digit id in 1.0", new DiscoveryRequest("urn:x"), TaxiiVersion.V10, "message_id 'urn:x' is not digits-only" },
        { "PENDING in 1.0", new StatusMessage("1", "2", StatusType.Pending), TaxiiVersion.V10, "status type PENDING cannot be expressed in TAXII 1.0" },
        { "plain detail in 1.1", new StatusMessage("1", "2", StatusType.Retry) { DetailText = "2014-01-01T00:00:00Z" }, TaxiiVersion.V11, "plain-text Status_Detail" },
        { "PAUSE in 1.0", new SubscriptionManagementRequest("1", SubscriptionAction.Pause, "c") { SubscriptionId = "s" }, TaxiiVersion.V10, "action Pause" },
        { "UNSUBSCRIBE without id in 1.0", new SubscriptionManagementRequest("1", SubscriptionAction.Unsubscribe, "c"), TaxiiVersion.V10, "UNSUBSCRIBE needs a subscription_id" },
        { "both poll choices in 1.1", new PollRequest("1", "c") { SubscriptionId = "s", PollParameters = new PollParameters() }, TaxiiVersion.V11, "exactly one of" },
        { "neither poll choice in 1.1", new PollRequest("1", "c"), TaxiiVersion.V11, "exactly one of" },
        { "query in 1.0", new PollRequest("1", "c") { PollParameters = new PollParameters { Query = new TaxiiQuery("urn:q", "<q/>") } }, TaxiiVersion.V10, "Poll_Parameters other than content bindings" },
        { "record count in 1.0", new PollResponse(new PollResponseHeader("1", "2", "c") { RecordCount = new RecordCount(1), InclusiveEndTimestamp = TestMessages.T1 }), TaxiiVersion.V10, "Record_Count" },
        { "1.0 poll response without end", new PollResponse(new PollResponseHeader("1", "2", "c")), TaxiiVersion.V10, "requires Inclusive_End_Timestamp" },
        { "more without result id", new PollResponse(new PollResponseHeader("1", "2", "c") { More = true }), TaxiiVersion.V11, "needs a result_id" },
        { "data set in 1.0", new CollectionInformationResponse("1", "2") { Collections = [new CollectionRecord("c", "d") { Type = CollectionType.DataSet }] }, TaxiiVersion.V10, "data sets" },
        { "two subtypes in a block", new InboxMessage("1") { ContentBlocks = [new ContentBlock(new ContentBinding("urn:b") { Subtypes = ["urn:1", "urn:2"] }, TaxiiContent.Empty)] }, TaxiiVersion.V11, "at most one Subtype" },
        { "block message in 1.0", new InboxMessage("1") { ContentBlocks = [new ContentBlock(new ContentBinding("urn:b"), TaxiiContent.Empty) { Message = "m" }] }, TaxiiVersion.V10, "Content_Block Message" },
        { "no message binding", new DiscoveryResponse("1", "2") { ServiceInstances = [new ServiceInstance(ServiceType.Poll, ServicesIds.V11, "p", "a", [])] }, TaxiiVersion.V11, "at least one Message_Binding" },
    };

    [Theory]
    [MemberData(nameof(Unexpressible))]
    public async Task Unexpressible_messages_throw_and_write_nothing(string because, ITaxiiMessage message, TaxiiVersion version, string reason)
    {
        using var body = new MemoryStream();

        var act = async () => await TaxiiMessageWriter.WriteAsync(body, message, version, Codec.Ct);

        (await act.Should().ThrowAsync<NotSupportedException>(because)).Which.Message.Should().Contain(reason);
        body.Length.Should().Be(0);
    }

    [Fact]
    public async Task Timestamps_are_written_in_utc_with_six_fractional_digits()
    {
        var request = new PollRequest("1", "c")
        {
            ExclusiveBeginTimestamp = new DateTimeOffset(2014, 1, 1, 2, 0, 0, TimeSpan.FromHours(2)),
            SubscriptionId = "s",
        };
        var xml = System.Text.Encoding.UTF8.GetString(await Codec.WriteAsync(request, TaxiiVersion.V11));
        xml.Should().Contain(">2014-01-01T00:00:00.000000Z<");
    }

    [Fact]
    public void Generated_message_ids_are_digits_only_and_never_zero()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => MessageIds.New()).ToList();
        ids.Should().OnlyContain(id => MessageIds.IsValidV10(id) && id != MessageIds.Unreadable);
        ids.Should().OnlyHaveUniqueItems();
    }
}
