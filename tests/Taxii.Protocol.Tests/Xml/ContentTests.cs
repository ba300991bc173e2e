using System.Text;
using System.Xml;
using FluentAssertions;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Tests.Support;
using Taxii.Protocol.Xml;
using Xunit;

namespace Taxii.Protocol.Tests.Xml;

/// <summary>Content travels as written (XML, see <see cref="VerbatimContentTests"/>) or exactly (text).</summary>
public sealed class ContentTests
{
    private static async Task<TaxiiContent> FirstBlockContentAsync(string document) =>
        ((InboxMessage)(await Codec.ReadAsync(document)).Message).ContentBlocks[0].Content;

    [Fact]
    public async Task Namespaces_declared_on_ancestors_that_the_content_uses_are_declared_on_its_root()
    {
        var content = await FirstBlockContentAsync("""
            <taxii_11:Inbox_Message xmlns:taxii_11="http://taxii.mitre.org/messages/taxii_xml_binding-1.1"
                xmlns:stix="http://stix.mitre.org/stix-1" xmlns:example="http://example.com" xmlns="urn:default" xmlns:unused="urn:u" message_id="1">
              <taxii_11:Content_Block>
                <taxii_11:Content_Binding binding_id="urn:stix.mitre.org:xml:1.1.1"/>
                <taxii_11:Content xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  <stix:STIX_Package id="example:Package-1" xsi:type="example:T"><plain/></stix:STIX_Package>
                </taxii_11:Content>
              </taxii_11:Content_Block>
            </taxii_11:Inbox_Message>
            """);

        // sorted by prefix, the default namespace first; the TAXII prefix and xmlns:unused are not used, so not added
        content.Kind.Should().Be(TaxiiContentKind.Xml);
        content.Value.Should().Be(
            "<stix:STIX_Package xmlns=\"urn:default\" xmlns:example=\"http://example.com\" xmlns:stix=\"http://stix.mitre.org/stix-1\" "
            + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" id=\"example:Package-1\" xsi:type=\"example:T\"><plain/></stix:STIX_Package>");
        // the fragment stands alone: the prefix used only inside an attribute value still resolves
        using var reader = XmlReader.Create(new StringReader(content.Value));
        reader.MoveToContent();
        reader.LookupNamespace("example").Should().Be("http://example.com");
        reader.ReadToDescendant("plain");
        reader.NamespaceURI.Should().Be("urn:default");
    }

    [Fact]
    public async Task Comments_cdata_processing_instructions_and_whitespace_are_kept()
    {
        const string Xml = "<r:root xmlns:r=\"urn:r\"><!-- keep me --><?pi data?>\n  <r:a>text &amp; &lt;more&gt;</r:a><![CDATA[<not markup> & ]]></r:root>";
        var content = await FirstBlockContentAsync(
            "<taxii_11:Inbox_Message xmlns:taxii_11=\"http://taxii.mitre.org/messages/taxii_xml_binding-1.1\" message_id=\"1\">"
            + "<taxii_11:Content_Block><taxii_11:Content_Binding binding_id=\"urn:x\"/><taxii_11:Content>"
            + Xml + "</taxii_11:Content></taxii_11:Content_Block></taxii_11:Inbox_Message>");

        content.Value.Should().Be(Xml);
        var again = await Codec.ReadAsync(await Codec.WriteAsync(Inbox(content), TaxiiVersion.V10));
        ((InboxMessage)again.Message).ContentBlocks[0].Content.Should().Be(content);
    }

    [Theory]
    [InlineData("{\"indicator\": \"a<b & c>d\", \"text\": \"line1\\r\\nline2\"}")]
    [InlineData("  {\"leading\": \"and trailing whitespace\"}\r\n\t ")]
    [InlineData("]]> is fine in text, and so is \u00e9\u4e2d")]
    public async Task Json_and_other_text_content_round_trips_exactly(string json)
    {
        foreach (var version in new[] { TaxiiVersion.V11, TaxiiVersion.V10 })
        {
            var document = await Codec.WriteAsync(Inbox(TaxiiContent.FromText(json)), version);
            var content = ((InboxMessage)(await Codec.ReadAsync(document)).Message).ContentBlocks[0].Content;
            content.Kind.Should().Be(TaxiiContentKind.Text);
            content.Value.Should().Be(json);
        }
    }

    [Fact]
    public async Task Cdata_wrapped_text_is_read_as_its_text()
    {
        var content = await FirstBlockContentAsync(
            "<taxii_11:Inbox_Message xmlns:taxii_11=\"http://taxii.mitre.org/messages/taxii_xml_binding-1.1\" message_id=\"1\">"
            + "<taxii_11:Content_Block><taxii_11:Content_Binding binding_id=\"urn:eclecticiq.com:json:1.0\"/>"
            + "<taxii_11:Content><![CDATA[{\"a\": \"<b>\"}]]></taxii_11:Content></taxii_11:Content_Block></taxii_11:Inbox_Message>");
        content.Should().Be(TaxiiContent.FromText("{\"a\": \"<b>\"}"));
    }

    [Fact]
    public async Task Long_text_cdata_comments_and_instructions_are_read_without_synchronous_reads()
    {
        // each node far larger than the reader's buffer, so its value is still being parsed when the node is reached
        var text = string.Concat(Enumerable.Repeat("0123456789 &amp; ", 20_000));
        var json = string.Concat(Enumerable.Repeat("{\"k\": \"v\"} ", 20_000));
        var xml = $"<r:root xmlns:r=\"urn:r\"><!--{new string('c', 100_000)}--><?pi {new string('p', 100_000)}?>"
            + $"<r:a>{text}</r:a><![CDATA[{new string('d', 100_000)}]]></r:root>";
        var document = Encoding.UTF8.GetBytes(
            "<taxii_11:Inbox_Message xmlns:taxii_11=\"http://taxii.mitre.org/messages/taxii_xml_binding-1.1\" message_id=\"1\">"
            + "<taxii_11:Content_Block><taxii_11:Content_Binding binding_id=\"urn:x\"/><taxii_11:Content>" + xml + "</taxii_11:Content></taxii_11:Content_Block>"
            + "<taxii_11:Content_Block><taxii_11:Content_Binding binding_id=\"urn:j\"/><taxii_11:Content>" + json + "</taxii_11:Content></taxii_11:Content_Block>"
            + "</taxii_11:Inbox_Message>");

        var read = await TaxiiMessageReader.ReadAsync(new AsyncOnlyStream(document), Codec.Ct);

        var blocks = ((InboxMessage)read.Message).ContentBlocks;
        blocks[0].Content.Should().Be(TaxiiContent.FromXml(xml));
        blocks[1].Content.Should().Be(TaxiiContent.FromText(json));
    }

    [Fact]
    public async Task Validated_xml_is_taken_as_it_is_and_written_like_checked_xml()
    {
        const string Xml = "<r:root xmlns:r=\"urn:r\"><!-- keep me --><r:a>text &amp; more</r:a><![CDATA[ & ]]></r:root>";
        var validated = TaxiiContent.FromValidatedXml(Xml);

        validated.Should().Be(TaxiiContent.FromXml(Xml));
        (await Codec.WriteAsync(Inbox(validated), TaxiiVersion.V11)).Should().Equal(await Codec.WriteAsync(Inbox(TaxiiContent.FromXml(Xml)), TaxiiVersion.V11));
    }

    [Theory]
    [InlineData(TaxiiVersion.V11)]
    [InlineData(TaxiiVersion.V10)]
    public async Task Validated_utf8_xml_streams_byte_for_byte_as_the_same_xml_from_a_string(TaxiiVersion version)
    {
        string[] fragments =
        [
            "<r:root xmlns:r=\"urn:r\"><!-- keep me --><?pi data?>\r\n  <r:a x=\"1\">caf\u00e9 \u4e2d \U0001F600 &amp; &lt;</r:a><![CDATA[<x> & ]]></r:root>",
            "<a/>",
            "<b>\n</b><c/>",
        ];

        var fromBytes = await StreamAsync(fragments.Select(f => TaxiiContent.FromValidatedUtf8Xml(Encoding.UTF8.GetBytes(f))), version);
        var fromStrings = await StreamAsync(fragments.Select(TaxiiContent.FromXml), version);

        fromBytes.Should().Equal(fromStrings);
        var document = Encoding.UTF8.GetString(fromBytes);
        fragments.Should().OnlyContain(f => document.Contains(f, StringComparison.Ordinal), "stored content goes out exactly as stored");
        ((PollResponse)(await Codec.ReadAsync(fromBytes)).Message).ContentBlocks.Should().HaveCount(fragments.Length);
    }

    [Fact]
    public async Task Content_from_utf8_bytes_equals_the_same_content_from_a_string()
    {
        const string Xml = "<r:root xmlns:r=\"urn:r\">caf\u00e9</r:root>";
        var fromBytes = TaxiiContent.FromValidatedUtf8Xml(Encoding.UTF8.GetBytes(Xml));

        fromBytes.Kind.Should().Be(TaxiiContentKind.Xml);
        fromBytes.Should().Be(TaxiiContent.FromXml(Xml));
        fromBytes.GetHashCode().Should().Be(TaxiiContent.FromXml(Xml).GetHashCode());
        fromBytes.Value.Should().Be(Xml);
        fromBytes.Should().NotBe(TaxiiContent.FromText(Xml));
        // whole-message writing goes through the text
        Encoding.UTF8.GetString(await Codec.WriteAsync(Inbox(fromBytes), TaxiiVersion.V11)).Should().Contain(Xml);
    }

    private static async Task<byte[]> StreamAsync(IEnumerable<TaxiiContent> contents, TaxiiVersion version)
    {
        using var body = new MemoryStream();
        var header = new PollResponseHeader("12", "11", "default") { InclusiveEndTimestamp = DateTimeOffset.UnixEpoch };
        await TaxiiMessageWriter.WritePollResponseAsync(body, header, Blocks(contents), version, Codec.Ct);
        return body.ToArray();

        static async IAsyncEnumerable<ContentBlock> Blocks(IEnumerable<TaxiiContent> contents)
        {
            foreach (var content in contents)
            {
                await Task.Yield();
                yield return new ContentBlock(new ContentBinding(ContentBindingIds.Stix12), content) { TimestampLabel = DateTimeOffset.UnixEpoch };
            }
        }
    }

    [Theory]
    [InlineData("<a>")]
    [InlineData("<p:a/>")]
    [InlineData("just text")]
    [InlineData("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>")]
    [InlineData("<?xml version=\"1.0\"?><a/>")]
    public void Xml_content_must_be_a_well_formed_self_contained_fragment(string xml)
    {
        var act = () => TaxiiContent.FromXml(xml);
        act.Should().Throw<ArgumentException>();
    }

    private static InboxMessage Inbox(TaxiiContent content) => new("1")
    {
        ContentBlocks = [new ContentBlock(new ContentBinding(ContentBindingIds.Stix12), content)],
    };
}
