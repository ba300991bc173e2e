using System.Text;
using FluentAssertions;
using Taxii.Protocol.Internal;
using Taxii.Protocol.Tests.Support;
using Xunit;

namespace Taxii.Protocol.Tests.Xml;

/// <summary>
/// The characters kept for verbatim content cost little memory where nothing is cut: not for messages without
/// blocks, not for a hostile prolog, not for a huge attribute on the root, only for the block being read.
/// </summary>
public sealed class SourceTextTests
{
    private const string Ns = "xmlns:taxii_11=\"http://taxii.mitre.org/messages/taxii_xml_binding-1.1\"";
    private static readonly string Huge = new('9', 4 * 1024 * 1024);

    public static TheoryData<string> BodiesWithNothingToKeep() =>
    [
        $"<taxii_11:Discovery_Request {Ns} message_id=\"{Huge}\"/>",
        $"<?xml version=\"1.0\"?><!-- {Huge} --><?pi {Huge}?><taxii_11:Discovery_Request {Ns} message_id=\"1\"/>",
        $"<taxii_11:Inbox_Message {Ns} message_id=\"1\" x='\"' y=\"'>\" result_id=\"{Huge}\"></taxii_11:Inbox_Message>",
        $"<taxii_11:Poll_Response {Ns}\n  big=\"{Huge}\" message_id=\"1\"/>",
    ];

    [Theory]
    [MemberData(nameof(BodiesWithNothingToKeep))]
    public async Task Characters_that_no_block_needs_are_not_kept(string body)
    {
        using var source = new SourceText(new AsyncOnlyStream(Encoding.UTF8.GetBytes(body), chunk: 64 * 1024));
        var buffer = new char[4096];
        var read = 0;
        int n;
        while ((n = await source.ReadAsync(buffer, Codec.Ct)) > 0)
        {
            read += n;
        }

        read.Should().Be(body.Length);
        source.Capacity.Should().BeLessThan(256 * 1024, "the buffer never had to hold the 4 Mi characters");
    }

    [Fact]
    public async Task A_block_is_kept_until_it_is_cut()
    {
        var block = $"<a>{Huge}</a>";
        var body = $"<taxii_11:Inbox_Message {Ns} message_id=\"1\"><taxii_11:Content_Block><taxii_11:Content_Binding binding_id=\"urn:x\"/>"
            + $"<taxii_11:Content>{block}</taxii_11:Content></taxii_11:Content_Block></taxii_11:Inbox_Message>";

        var read = await Envelopes.ReadAsync(Carrier.Inbox11, streamed: true, body, chunk: 64 * 1024);

        read.Single().Value.Should().Be(block);
    }
}
