using System.Text;
using FluentAssertions;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Tests.Support;
using Taxii.Protocol.Xml;
using Xunit;

namespace Taxii.Protocol.Tests.Xml;

/// <summary>
/// Content blocks are read verbatim: the source text of the Content element's children, trimmed of the whitespace
/// around them, with declarations of exactly the envelope namespaces each top-level element relies on added right
/// after its name. Every case runs through Inbox_Message and Poll_Response in both versions, read whole and streamed.
/// </summary>
public sealed class VerbatimContentTests
{
    private const string Stix = "http://stix.mitre.org/stix-1";
    private const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    // a STIX 1.2 package as someone pushing it with curl wrote it: declarations in no particular order, "/>" without
    // a space, \r\n line ends, tabs, a comment, references, CDATA and characters outside ASCII
    private const string Package =
        "<stix:STIX_Package\r\n\txmlns:stixCommon=\"http://stix.mitre.org/common-1\" xmlns:stix=\"http://stix.mitre.org/stix-1\"\r\n"
        + "\txmlns:indicator=\"http://stix.mitre.org/Indicator-2\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\r\n"
        + "\txmlns:example=\"http://example.com\" id=\"example:Package-1\" version=\"1.2\">\r\n<!-- pushed with curl -->\r\n"
        + "\t<stix:Indicators>\r\n\t\t<stix:Indicator xsi:type='indicator:IndicatorType' id=\"example:indicator-1\" timestamp=\"2014-01-01T00:00:00Z\"/>\r\n"
        + "\t\t<stix:Indicator idref=\"example:indicator-2\"/>\r\n\t</stix:Indicators>\r\n"
        + "\t<stix:STIX_Header><stix:Title>caf\u00e9 \u4e2d \U0001F600 &amp; &#x3C; &lt;</stix:Title></stix:STIX_Header>\r\n"
        + "\t<stix:TTPs><stix:Kill_Chains><stixCommon:Kill_Chain name=\"a &gt; b\" /></stix:Kill_Chains></stix:TTPs>\r\n"
        + "</stix:STIX_Package>";

    public static TheoryData<Carrier, bool> Paths => Envelopes.Paths();

    public static TheoryData<Carrier, string> Adversarial()
    {
        string[] contents =
        [
            "<a/>",
            "<r:a xmlns:r=\"urn:r\"><r:b/></r:a>",
            "<a x=\">\" y='/>' z=\"'&gt;'\"/>",
            "<a x=\"/\"></a >",
            "<a><![CDATA[</taxii_11:Content></taxii:Content></Content_Block>]]></a>",
            "<![CDATA[<taxii_11:Content>]]><a/>",
            "<!-- < <a> </Content> --><a/><!-- -> -->",
            "<?pi <a/> ?><a/><?pi </Content>?>",
            "<\u00e9l\u00e9 a=\"\u4e2d\">\U0001F600\u00e9</\u00e9l\u00e9>",
            "<a>\r\n\t<b\r\n  c=\"1\r\n2\"\r\n/>\r\n</a>",
            "<a>\r</a>",
            "<a t=\"&amp;&#x3C;&#13;\">&lt;&#13;&#x1F600;&gt;</a>",
            "text before <a/> and after",
            "<a/><b/>\n<c>t</c>",
            "<a><a><a/></a></a>",
            "<a\n/>",
        ];
        var data = new TheoryData<Carrier, string>();
        foreach (var carrier in Envelopes.All)
        {
            foreach (var content in contents)
            {
                data.Add(carrier, content);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Self_contained_content_comes_back_byte_for_byte(Carrier carrier, bool streamed)
    {
        const string Minified = "<a:x xmlns:a=\"urn:a\"><a:y/></a:x>";
        var message = Envelopes.Wrap(carrier, ["\r\n      " + Package + "\r\n    ", Minified, " \t\n" + Package]);

        var contents = await Envelopes.ReadAsync(carrier, streamed, message, chunk: 7);

        contents.Select(c => c.Kind).Should().OnlyContain(k => k == TaxiiContentKind.Xml);
        contents.Select(c => c.Value).Should().Equal(Package, Minified, Package);
        Encoding.UTF8.GetBytes(contents[0].Value).Should().Equal(Encoding.UTF8.GetBytes(Package));
    }

    [Theory]
    [MemberData(nameof(Adversarial))]
    public async Task Tricky_markup_comes_back_exactly(Carrier carrier, string content)
    {
        var message = Envelopes.Wrap(carrier, ["\n " + content + "\r\n", content]);
        foreach (var (streamed, chunk) in new[] { (false, 1), (true, 5), (false, 4096) })
        {
            var contents = await Envelopes.ReadAsync(carrier, streamed, message, chunk);
            contents.Select(c => c.Value).Should().Equal([content, content], $"streamed: {streamed}, chunk: {chunk}");
            contents[0].Kind.Should().Be(TaxiiContentKind.Xml);
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Declarations_the_content_relies_on_are_added_after_each_root_name(Carrier carrier, bool streamed)
    {
        var root = $" xmlns:stix=\"{Stix}\" xmlns:xsi=\"{Xsi}\" xmlns:example=\"http://example.com\" xmlns:vocab=\"urn:vocab\""
            + " xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns:unused=\"urn:unused\" xmlns=\"urn:default\"";
        string[] contents =
        [
            // element prefix, QName-like attribute values (a STIX id, an xsi:type) and an attribute prefix
            "<stix:Indicator id=\"example:i-1\" xsi:type=\" vocab:T \"><stix:Title xlink:href=\"#x\">t</stix:Title></stix:Indicator>",
            // the default namespace: an unprefixed name without xmlns really is in the envelope's default namespace
            "<Package><Child/></Package>",
            // each top-level element gets what it uses, nothing more
            "<stix:A/> text <B/>\n<i:C xmlns:i=\"urn:i\" i:x=\"xsi:nil\"/>",
            // a prefix declared on the element itself, or rebound inside, is not taken from the envelope
            "<stix:A xmlns:stix=\"urn:mine\" xmlns=\"\"><B xsi:type=\"T\" stix:a=\"1\"/></stix:A>",
            "<x:A xmlns:x=\"urn:x\"><stix:B xmlns:stix=\"urn:inner\"/><stix:C/></x:A>",
            // values that only look like QNames, or whose prefix the envelope does not declare, leave things alone
            "<x:A xmlns:x=\"urn:x\" href=\"http://example.com/a\" n=\"urn:a:b\" t=\"stix:two words\" u=\"other:T\"/>",
        ];

        var read = await Envelopes.ReadAsync(carrier, streamed, Envelopes.Wrap(carrier, contents, root), chunk: 3);

        read.Select(c => c.Value).Should().Equal(
            $"<stix:Indicator xmlns:example=\"http://example.com\" xmlns:stix=\"{Stix}\" xmlns:vocab=\"urn:vocab\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
            + $" xmlns:xsi=\"{Xsi}\" id=\"example:i-1\" xsi:type=\" vocab:T \"><stix:Title xlink:href=\"#x\">t</stix:Title></stix:Indicator>",
            "<Package xmlns=\"urn:default\"><Child/></Package>",
            $"<stix:A xmlns:stix=\"{Stix}\"/> text <B xmlns=\"urn:default\"/>\n<i:C xmlns:xsi=\"{Xsi}\" xmlns:i=\"urn:i\" i:x=\"xsi:nil\"/>",
            $"<stix:A xmlns:xsi=\"{Xsi}\" xmlns:stix=\"urn:mine\" xmlns=\"\"><B xsi:type=\"T\" stix:a=\"1\"/></stix:A>",
            $"<x:A xmlns:stix=\"{Stix}\" xmlns:x=\"urn:x\"><stix:B xmlns:stix=\"urn:inner\"/><stix:C/></x:A>",
            "<x:A xmlns:x=\"urn:x\" href=\"http://example.com/a\" n=\"urn:a:b\" t=\"stix:two words\" u=\"other:T\"/>");
        read.Should().OnlyContain(c => c.Kind == TaxiiContentKind.Xml);
        foreach (var content in read)
        {
            // each stands alone, so the writers can put it into any envelope
            TaxiiContent.FromXml(content.Value).Should().Be(content);
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Declarations_on_the_content_element_itself_are_the_envelope_too(Carrier carrier, bool streamed)
    {
        var message = Envelopes.Wrap(carrier, ["<s:A xsi:nil=\"true\"/>"], contentExtra: $" xmlns:s=\"{Stix}\"\n  xmlns:xsi=\"{Xsi}\"");

        var read = await Envelopes.ReadAsync(carrier, streamed, message);

        read.Single().Value.Should().Be($"<s:A xmlns:s=\"{Stix}\" xmlns:xsi=\"{Xsi}\" xsi:nil=\"true\"/>");
    }

    [Theory]
    [InlineData(Envelopes.Ns11, "collection_name")]
    [InlineData(Envelopes.Ns10, "feed_name")]
    public async Task An_envelope_in_the_default_namespace_lends_it_only_to_content_that_uses_it(string ns, string collection)
    {
        // the Cisco log adapter's style: the TAXII namespace as the default; unprefixed content then really is TAXII
        var binding = ns == Envelopes.Ns11 ? "<Content_Binding binding_id=\"urn:x\"/>" : "<Content_Binding>urn:x</Content_Binding>";
        var end = ns == Envelopes.Ns11 ? string.Empty : "<Inclusive_End_Timestamp>2014-01-02T00:00:00Z</Inclusive_End_Timestamp>";
        var message = $"<Poll_Response xmlns=\"{ns}\" xmlns:s=\"{Stix}\" message_id=\"1\" in_response_to=\"2\" {collection}=\"c\">{end}"
            + $"<Content_Block>{binding}<Content><Package/></Content></Content_Block>"
            + $"<Content_Block>{binding}<Content><s:Package xmlns:s=\"urn:own\"><Inner xmlns=\"urn:inner\"/></s:Package></Content></Content_Block>"
            + $"<Content_Block>{binding}<Content><Package xmlns=\"\"/></Content></Content_Block>"
            + $"<Content_Block>{binding}<Content>\n<s:Package/>\n</Content></Content_Block></Poll_Response>";

        var read = await Envelopes.ReadAsync(Carrier.Poll11, streamed: true, message);

        read.Select(c => c.Value).Should().Equal(
            $"<Package xmlns=\"{ns}\"/>",
            "<s:Package xmlns:s=\"urn:own\"><Inner xmlns=\"urn:inner\"/></s:Package>",
            "<Package xmlns=\"\"/>",
            $"<s:Package xmlns:s=\"{Stix}\"/>");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Look_alike_blocks_inside_skipped_signatures_do_not_mislead_the_cut(Carrier carrier, bool streamed)
    {
        // the reader skips ds:Signature wherever it stands; what it holds must not be taken for the blocks it reads
        var p = carrier is Carrier.Inbox11 or Carrier.Poll11 ? "taxii_11" : "taxii";
        var decoy = $"<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><{p}:Content_Block><{p}:Content><decoy/></{p}:Content>"
            + $"</{p}:Content_Block><{p}:Content><decoy/></{p}:Content></ds:Signature>";
        var message = Envelopes.Wrap(carrier, ["<real n=\"1\"/>", "<real n=\"2\"/>"])
            .Replace($"<{p}:Content_Block>", decoy + $"<{p}:Content_Block>" + decoy, StringComparison.Ordinal);

        var read = await Envelopes.ReadAsync(carrier, streamed, message);

        read.Select(c => c.Value).Should().Equal("<real n=\"1\"/>", "<real n=\"2\"/>");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Text_content_is_still_its_decoded_text(Carrier carrier, bool streamed)
    {
        var message = Envelopes.Wrap(carrier, ["  {\"a\": \"&lt;b&gt; &amp;\"}\r\n", "<![CDATA[{\"c\": \"<d>\"}]]>", string.Empty]);

        var read = await Envelopes.ReadAsync(carrier, streamed, message, chunk: 2);

        read.Should().Equal(TaxiiContent.FromText("  {\"a\": \"<b> &\"}\n"), TaxiiContent.FromText("{\"c\": \"<d>\"}"), TaxiiContent.FromText(string.Empty));
    }

    [Theory]
    [InlineData(Carrier.Inbox11)]
    [InlineData(Carrier.Poll10)]
    public async Task A_utf8_body_with_a_byte_order_mark_and_crlf_line_ends_keeps_its_bytes(Carrier carrier)
    {
        var envelope = Envelopes.Wrap(carrier, ["\n{0}\n"]).Replace("\n", "\r\n", StringComparison.Ordinal);
        var message = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n" + envelope.Replace("{0}", Package, StringComparison.Ordinal);
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(message)];

        var read = await Envelopes.ReadAsync(carrier, streamed: true, body, chunk: 11);

        Encoding.UTF8.GetBytes(read.Single().Value).Should().Equal(Encoding.UTF8.GetBytes(Package));
    }

    [Theory]
    [InlineData("utf-16", true)]
    [InlineData("UTF-16", false)]
    [InlineData("utf-32", true)]
    [InlineData("ISO-8859-1", false)]
    [InlineData("us-ascii", false)]
    public async Task A_body_in_another_encoding_gives_the_decoded_text_of_its_source(string encodingName, bool bigEndian)
    {
        // byte for byte is impossible once stored as UTF-8; the characters as written are kept, references and all
        var content = encodingName == "us-ascii" ? "<a\r\n x=\"&#xE9;\">&amp;\t</a>" : "<\u00e9 x=\"\u00e9\">caf\u00e9 &amp;\r\n</\u00e9>";
        var encoding = encodingName switch
        {
            "utf-16" or "UTF-16" => (Encoding)new UnicodeEncoding(bigEndian, byteOrderMark: true),
            "utf-32" => new UTF32Encoding(bigEndian, byteOrderMark: true),
            _ => Encoding.GetEncoding(encodingName),
        };
        var message = $"<?xml version=\"1.0\" encoding=\"{encodingName}\"?>\n" + Envelopes.Wrap(Carrier.Inbox11, [content]);
        byte[] body = [.. encoding.GetPreamble(), .. encoding.GetBytes(message)];

        var read = await Envelopes.ReadAsync(Carrier.Inbox11, streamed: false, body, chunk: 5);

        read.Single().Value.Should().Be(content);
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\" encoding=\"x-no-such-encoding\"?>", "x-no-such-encoding")]
    [InlineData("<?xml version=\"1.0\" encoding=\"utf-16\"?>", "no byte order mark")]
    public async Task A_body_whose_encoding_cannot_be_read_is_refused(string declaration, string reason)
    {
        var body = Encoding.UTF8.GetBytes(declaration + Envelopes.Wrap(Carrier.Inbox11, ["<a/>"]));

        var act = () => Envelopes.ReadAsync(Carrier.Inbox11, streamed: false, body);

        var refused = (await act.Should().ThrowAsync<TaxiiProtocolException>()).Which;
        refused.Status.Should().Be(StatusType.BadMessage);
        refused.Message.Should().StartWith("not well-formed XML").And.Contain(reason);
    }

    [Theory]
    [InlineData(Carrier.Poll11)]
    [InlineData(Carrier.Inbox10)]
    public async Task Huge_single_line_bodies_come_back_exactly(Carrier carrier)
    {
        // no line break anywhere, blocks far larger than the reader's buffers, and many of them
        var indicator = "<s:Indicator id=\"example:i-{0}\" xsi:type=\"ind:IndicatorType\"><s:Title>caf\u00e9 \U0001F600 &amp; {0}</s:Title></s:Indicator>";
        var package = $"<s:STIX_Package xmlns:s=\"{Stix}\" xmlns:xsi=\"{Xsi}\" xmlns:ind=\"urn:ind\" xmlns:example=\"urn:example\">"
            + string.Concat(Enumerable.Range(0, 20_000).Select(i => string.Format(System.Globalization.CultureInfo.InvariantCulture, indicator, i)))
            + "</s:STIX_Package>";
        var small = $"<s:STIX_Package xmlns:s=\"{Stix}\"><s:Title>t</s:Title></s:STIX_Package>";
        var contents = new[] { package }.Concat(Enumerable.Repeat(small, 100)).Append(package).ToArray();
        var message = Envelopes.Wrap(carrier, contents).Replace("\n", string.Empty, StringComparison.Ordinal);

        var read = await Envelopes.ReadAsync(carrier, streamed: true, message, chunk: 64 * 1024);

        read.Select(c => c.Value).Should().Equal(contents);
    }
}
