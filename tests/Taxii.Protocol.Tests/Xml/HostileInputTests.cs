using System.Diagnostics;
using System.Text;
using FluentAssertions;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Tests.Support;
using Taxii.Protocol.Xml;
using Taxii.Testing;
using Xunit;

namespace Taxii.Protocol.Tests.Xml;

/// <summary>Hostile or broken bodies are refused fast with BAD_MESSAGE and never expanded.</summary>
public sealed class HostileInputTests
{
    private const string Ns = "xmlns:taxii_11=\"http://taxii.mitre.org/messages/taxii_xml_binding-1.1\"";

    private static async Task<TaxiiProtocolException> RefusedAsync(byte[] body, TaxiiReaderOptions? options = null)
    {
        var watch = Stopwatch.StartNew();
        var act = async () => await TaxiiMessageReader.ReadAsync(new MemoryStream(body), options ?? TaxiiReaderOptions.Default, null, Codec.Ct);
        var ex = (await act.Should().ThrowAsync<TaxiiProtocolException>()).Which;
        ex.Status.Should().Be(StatusType.BadMessage);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "hostile input is refused fast");
        return ex;
    }

    private static Task<TaxiiProtocolException> RefusedAsync(string body, TaxiiReaderOptions? options = null) =>
        RefusedAsync(Encoding.UTF8.GetBytes(body), options);

    [Fact]
    public async Task External_entity_to_etc_passwd_is_refused_without_leaking()
    {
        var ex = await RefusedAsync($"""
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <taxii_11:Status_Message {Ns} message_id="1" in_response_to="2" status_type="FAILURE">
              <taxii_11:Message>&xxe;</taxii_11:Message>
            </taxii_11:Status_Message>
            """);
        ex.Message.Should().Contain("DTD is prohibited").And.NotContain("root:");
    }

    [Fact]
    public async Task Billion_laughs_is_refused_before_expansion()
    {
        var entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (var i = 1; i < 10; i++)
        {
            entities.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        }

        var ex = await RefusedAsync($"<!DOCTYPE r [{entities}]><taxii_11:Discovery_Request {Ns} message_id=\"&lol9;\"/>");
        ex.Message.Should().Contain("DTD is prohibited");
    }

    [Fact]
    public async Task Deep_nesting_inside_content_is_refused()
    {
        var depth = 100_000;
        var body = $"<taxii_11:Inbox_Message {Ns} message_id=\"1\"><taxii_11:Content_Block>"
            + "<taxii_11:Content_Binding binding_id=\"urn:x\"/><taxii_11:Content>"
            + string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth))
            + "</taxii_11:Content></taxii_11:Content_Block></taxii_11:Inbox_Message>";
        var ex = await RefusedAsync(body);
        ex.Message.Should().Be("Inbox_Message/Content_Block[1]/Content: content nested deeper than 256 elements");
    }

    [Fact]
    public async Task Deep_nesting_inside_an_extended_header_is_refused_with_a_lower_bound()
    {
        var body = $"<taxii_11:Discovery_Request {Ns} message_id=\"1\"><taxii_11:Extended_Headers>"
            + "<taxii_11:Extended_Header name=\"urn:h\">" + string.Concat(Enumerable.Repeat("<a>", 20))
            + string.Concat(Enumerable.Repeat("</a>", 20)) + "</taxii_11:Extended_Header></taxii_11:Extended_Headers></taxii_11:Discovery_Request>";
        var ex = await RefusedAsync(body, TaxiiReaderOptions.Default with { MaxContentDepth = 10 });
        ex.Message.Should().Contain("Extended_Header[1]: content nested deeper than 10");
    }

    [Fact]
    public async Task Huge_attribute_is_refused()
    {
        var ex = await RefusedAsync($"<taxii_11:Discovery_Request {Ns} message_id=\"{new string('1', 1_000_000)}\"/>");
        ex.Message.Should().Be("Discovery_Request: attribute message_id longer than 65536 characters");
    }

    [Fact]
    public async Task Document_larger_than_the_caller_limit_is_refused()
    {
        var body = $"<taxii_11:Status_Message {Ns} message_id=\"1\" in_response_to=\"2\" status_type=\"FAILURE\">"
            + $"<taxii_11:Message>{new string('x', 200_000)}</taxii_11:Message></taxii_11:Status_Message>";
        var ex = await RefusedAsync(body, TaxiiReaderOptions.Default with { MaxCharactersInDocument = 100_000 });
        ex.Message.Should().StartWith("not well-formed XML");
    }

    [Fact]
    public async Task Invalid_utf8_is_refused()
    {
        var head = Encoding.UTF8.GetBytes($"<taxii_11:Status_Message {Ns} message_id=\"1\" in_response_to=\"2\" status_type=\"FAILURE\"><taxii_11:Message>");
        var tail = Encoding.UTF8.GetBytes("</taxii_11:Message></taxii_11:Status_Message>");
        byte[] invalid = [0xC3, 0x28, 0xFF, 0xFE];
        await RefusedAsync([.. head, .. invalid, .. tail]);
    }

    [Fact]
    public async Task Wrong_namespace_is_refused()
    {
        var ex = await RefusedAsync("<Discovery_Request xmlns=\"http://example.com/not-taxii\" message_id=\"1\"/>");
        ex.Message.Should().Contain("is not a TAXII 1.0 or 1.1 message namespace");
    }

    [Fact]
    public async Task The_other_version_is_refused_when_one_is_expected()
    {
        var body = Encoding.UTF8.GetBytes("<taxii:Discovery_Request xmlns:taxii=\"http://taxii.mitre.org/messages/taxii_xml_binding-1\" message_id=\"1\"/>");
        var act = async () => await TaxiiMessageReader.ReadAsync(new MemoryStream(body), TaxiiVersion.V11, Codec.Ct);
        (await act.Should().ThrowAsync<TaxiiProtocolException>()).Which.Message
            .Should().Be("Discovery_Request: a TAXII 1.0 message where TAXII 1.1 was expected");
    }

    [Theory]
    [InlineData("")]
    [InlineData("<taxii_11:Poll_Request xmlns:taxii_11=\"http://taxii.mitre.org/messages/taxii_xml_binding-1.1\" message_id=\"1\" collection_name=\"c\"><taxii_11:Subscrip")]
    [InlineData("<taxii_11:Discovery_Request xmlns:taxii_11=\"http://taxii.mitre.org/messages/taxii_xml_binding-1.1\" message_id=\"1\"/><second/>")]
    [InlineData("just text")]
    public async Task Truncated_empty_or_trailing_garbage_bodies_are_refused(string body) => await RefusedAsync(body);

    [Fact]
    public async Task Reasons_name_the_element_path()
    {
        (await RefusedAsync($"<taxii_11:Poll_Request {Ns} message_id=\"1\"><taxii_11:Subscription_ID>s</taxii_11:Subscription_ID></taxii_11:Poll_Request>"))
            .Message.Should().Be("Poll_Request: missing attribute collection_name");

        var block = "<taxii_11:Content_Block><taxii_11:Content_Binding binding_id=\"urn:x\"/><taxii_11:Content>x</taxii_11:Content>"
            + "<taxii_11:Timestamp_Label>{0}</taxii_11:Timestamp_Label></taxii_11:Content_Block>";
        var blocks = string.Format(block, "2014-01-01T00:00:00Z") + string.Format(block, "2014-01-01T00:00:00.123456+02:00")
            + string.Format(block, "2014-01-01T00:00:00");
        (await RefusedAsync($"<taxii_11:Inbox_Message {Ns} message_id=\"1\">{blocks}</taxii_11:Inbox_Message>"))
            .Message.Should().Be("Inbox_Message/Content_Block[3]/Timestamp_Label: not an xs:dateTime with time zone");
    }

    [Fact]
    public async Task A_TAXII_1_0_UNSUBSCRIBE_names_its_subscription()
    {
        var ex = await RefusedAsync("<taxii:Subscription_Management_Request xmlns:taxii=\"http://taxii.mitre.org/messages/taxii_xml_binding-1\""
            + " message_id=\"1\" action=\"UNSUBSCRIBE\" feed_name=\"f\"/>");
        ex.Message.Should().Be("Subscription_Management_Request: action UNSUBSCRIBE requires a subscription_id");
    }

    [Theory]
    [InlineData("2014-01-01T00:00:00.1234567Z")]
    [InlineData("2014-01-01T00:00:00")]
    [InlineData("2014-01-01")]
    [InlineData("yesterday")]
    public async Task Timestamps_need_a_zone_and_at_most_six_fractional_digits(string timestamp)
    {
        var ex = await RefusedAsync($"<taxii_11:Poll_Request {Ns} message_id=\"1\" collection_name=\"c\">"
            + $"<taxii_11:Exclusive_Begin_Timestamp>{timestamp}</taxii_11:Exclusive_Begin_Timestamp>"
            + "<taxii_11:Subscription_ID>s</taxii_11:Subscription_ID></taxii_11:Poll_Request>");
        ex.Message.Should().Be("Poll_Request/Exclusive_Begin_Timestamp: not an xs:dateTime with time zone");
    }

    [Fact]
    public void The_schema_validator_used_by_these_tests_does_reject_invalid_documents()
    {
        var invalid = Encoding.UTF8.GetBytes($"<taxii_11:Status_Message {Ns} message_id=\"1\" status_type=\"SUCCESS\"/>");
        TaxiiSchemas.Errors(invalid, TaxiiVersion.V11).Should().ContainSingle().Which.Should().Contain("in_response_to");
    }
}
