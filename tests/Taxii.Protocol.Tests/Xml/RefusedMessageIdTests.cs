using System.Text;
using FluentAssertions;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Tests.Support;
using Taxii.Protocol.Xml;
using Xunit;

namespace Taxii.Protocol.Tests.Xml;

/// <summary>A refusal raised after the root element names the message it refuses, when its message_id could be read.</summary>
public sealed class RefusedMessageIdTests
{
    private const string V11 = "xmlns:taxii_11=\"http://taxii.mitre.org/messages/taxii_xml_binding-1.1\"";
    private const string V10 = "xmlns:taxii=\"http://taxii.mitre.org/messages/taxii_xml_binding-1\"";

    [Theory]
    [InlineData($"<taxii_11:Discovery_Request {V11} message_id=\"urn:m:1\"><taxii_11:Surprise/></taxii_11:Discovery_Request>", "urn:m:1")]
    [InlineData($"<taxii_11:Poll_Request {V11} message_id=\"7\" collection_name=\"c\">"
        + "<taxii_11:Exclusive_Begin_Timestamp>2014-01-02T00:00:00Z</taxii_11:Exclusive_Begin_Timestamp>"
        + "<taxii_11:Inclusive_End_Timestamp>2014-01-01T00:00:00Z</taxii_11:Inclusive_End_Timestamp>"
        + "<taxii_11:Poll_Parameters/></taxii_11:Poll_Request>", "7")]
    [InlineData($"<taxii:Poll_Request {V10} message_id=\"8\"/>", "8")]
    [InlineData($"<taxii_11:Discovery_Request {V11} message_id=\"9\"><", "9")]
    [InlineData($"<taxii_11:Discovery_Request {V11} message_id=\"10\"/><second/>", "10")]
    [InlineData($"<taxii:Discovery_Request {V10} message_id=\"abc\"/>", null)]
    [InlineData($"<taxii_11:Discovery_Request {V11}><taxii_11:Surprise/></taxii_11:Discovery_Request>", null)]
    [InlineData($"<taxii_11:Discovery_Request {V11} message_id=\"\"><taxii_11:Surprise/></taxii_11:Discovery_Request>", null)]
    public async Task A_refusal_after_the_root_carries_its_readable_message_id(string body, string? messageId)
    {
        var act = async () => await Codec.ReadAsync(body);

        var refusal = (await act.Should().ThrowAsync<TaxiiProtocolException>()).Which;
        refusal.Status.Should().Be(StatusType.BadMessage);
        refusal.MessageId.Should().Be(messageId);
    }

    [Fact]
    public async Task A_message_of_the_other_version_is_refused_naming_its_message_id()
    {
        var body = Encoding.UTF8.GetBytes($"<taxii:Discovery_Request {V10} message_id=\"5\"/>");

        var act = async () => await TaxiiMessageReader.ReadAsync(new MemoryStream(body), TaxiiVersion.V11, Codec.Ct);

        (await act.Should().ThrowAsync<TaxiiProtocolException>()).Which.MessageId.Should().Be("5");
    }

    [Fact]
    public async Task The_root_gives_the_message_id_before_the_rest_is_read()
    {
        var body = Encoding.UTF8.GetBytes($"<taxii_11:Discovery_Request {V11} message_id=\"urn:m:2\"><taxii_11:Surprise/></taxii_11:Discovery_Request>");

        using var root = await TaxiiMessageReader.OpenAsync(new MemoryStream(body), TaxiiReaderOptions.Default, null, Codec.Ct);

        root.Version.Should().Be(TaxiiVersion.V11);
        root.MessageId.Should().Be("urn:m:2");
        var read = async () => await root.ReadAsync(Codec.Ct);
        (await read.Should().ThrowAsync<TaxiiProtocolException>()).Which.MessageId.Should().Be("urn:m:2");
    }
}
