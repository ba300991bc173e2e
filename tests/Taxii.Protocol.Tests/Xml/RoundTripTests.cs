using System.Text;
using FluentAssertions;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Tests.Support;
using Taxii.Testing;
using Xunit;

namespace Taxii.Protocol.Tests.Xml;

/// <summary>Every message type in both versions: build → write → validate against the official XSD → read → equal.</summary>
public sealed class RoundTripTests
{
    [Theory]
    [MemberData(nameof(TestMessages.Cases), MemberType = typeof(TestMessages))]
    public async Task Message_round_trips_through_schema_valid_xml(string name, TaxiiVersion version)
    {
        var message = TestMessages.Get(name, version);

        var document = await Codec.WriteAsync(message, version);

        TaxiiSchemas.Errors(document, version).Should().BeEmpty(Encoding.UTF8.GetString(document));
        var read = await Codec.ReadAsync(document);
        read.Version.Should().Be(version);
        read.Message.ShouldEqual(message);
    }

    [Fact]
    public void Every_message_type_is_covered_in_both_versions()
    {
        string[] v11 =
        [
            "Status_Message", "Discovery_Request", "Discovery_Response", "Collection_Information_Request",
            "Collection_Information_Response", "Subscription_Management_Request", "Subscription_Management_Response",
            "Poll_Request", "Poll_Response", "Poll_Fulfillment", "Inbox_Message",
        ];
        TestMessages.Names(TaxiiVersion.V11).Should().Contain(v11);
        TestMessages.Names(TaxiiVersion.V10).Should().Contain(v11.Where(n => n != "Poll_Fulfillment"));
    }
}
