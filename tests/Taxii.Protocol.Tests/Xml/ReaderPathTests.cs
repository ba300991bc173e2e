using System.Text;
using FluentAssertions;
using Taxii.Protocol.Messages;
using Taxii.Protocol.Tests.Support;
using Taxii.Protocol.Xml;
using Xunit;

namespace Taxii.Protocol.Tests.Xml;

/// <summary>
/// A body of up to 16 KiB is read whole and parsed by a synchronous reader; a larger one is parsed as it arrives, by an
/// async reader. Both give the same message, or the same refusal, and the small path costs no async reader's buffer.
/// </summary>
public sealed class ReaderPathTests
{
    // trailing whitespace is allowed after the root element: the same message, in a body too large to be read whole
    private static readonly string Padding = new(' ', 20 * 1024);

    [Theory]
    [MemberData(nameof(TestMessages.Cases), MemberType = typeof(TestMessages))]
    public async Task A_message_reads_the_same_whole_and_as_it_arrives(string name, TaxiiVersion version)
    {
        var document = Encoding.UTF8.GetString(await Codec.WriteAsync(TestMessages.Get(name, version), version));
        document.Length.Should().BeLessThan(16 * 1024, "the unpadded body must take the path of small bodies");

        var whole = await ReadAsync(document);
        var streamed = await ReadAsync(document + Padding);

        whole.Version.Should().Be(version);
        whole.Message.ShouldEqual(TestMessages.Get(name, version));
        streamed.Message.ShouldEqual(whole.Message);
    }

    [Theory]
    [InlineData("<taxii_11:Discovery_Request xmlns:taxii_11=\"http://taxii.mitre.org/messages/taxii_xml_binding-1.1\"/><extra/>")]
    [InlineData("<!DOCTYPE x [<!ENTITY a \"b\">]><taxii_11:Discovery_Request xmlns:taxii_11=\"http://taxii.mitre.org/messages/taxii_xml_binding-1.1\" message_id=\"1\"/>")]
    [InlineData("<taxii_11:Poll_Request xmlns:taxii_11=\"http://taxii.mitre.org/messages/taxii_xml_binding-1.1\" message_id=\"1\"/>")]
    [InlineData("<a/>")]
    [InlineData("<?xml version=\"1.0\" encoding=\"UTF-8\"?><taxii_11:Discovery_Request xmlns:taxii_11=\"http://taxii.mitre.org/messages/taxii_xml_binding-1.1\" message_id=\"1\"><b>\u00e9</c></taxii_11:Discovery_Request>")]
    public async Task A_broken_message_is_refused_the_same_whole_and_as_it_arrives(string document)
    {
        var whole = await RefusalAsync(document);
        var streamed = await RefusalAsync(document + Padding);

        whole.Status.Should().Be(StatusType.BadMessage);
        streamed.Status.Should().Be(whole.Status);
        // line and position agree: the padding comes after whatever is wrong
        streamed.Message.Should().Be(whole.Message);
    }

    [Fact]
    public async Task A_small_message_is_read_without_an_async_readers_buffer()
    {
        var document = await Codec.WriteAsync(TestMessages.Get("Discovery_Request", TaxiiVersion.V11), TaxiiVersion.V11);
        await TaxiiMessageReader.ReadAsync(new MemoryStream(document), Codec.Ct);

        // a MemoryStream completes every read at once, so the work stays on this thread
        var before = GC.GetAllocatedBytesForCurrentThread();
        await TaxiiMessageReader.ReadAsync(new MemoryStream(document), Codec.Ct);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // an async XmlReader allocates 64K characters (128 KiB) per document before it reads one
        allocated.Should().BeLessThan(48 * 1024);
    }

    private static async Task<TaxiiMessageRead> ReadAsync(string document) =>
        await TaxiiMessageReader.ReadAsync(new AsyncOnlyStream(Encoding.UTF8.GetBytes(document)), Codec.Ct);

    private static async Task<TaxiiProtocolException> RefusalAsync(string document)
    {
        var act = () => ReadAsync(document);
        return (await act.Should().ThrowAsync<TaxiiProtocolException>()).Which;
    }
}
