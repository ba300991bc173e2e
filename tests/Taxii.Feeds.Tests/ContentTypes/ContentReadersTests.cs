using System.Text;
using FluentAssertions;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;
using Taxii.Feeds.ContentTypes;

namespace Taxii.Feeds.Tests.ContentTypes;

public sealed class ContentReadersTests
{
    [Fact]
    public void Each_content_type_has_a_reader_that_accepts_its_writers_binding()
    {
        foreach (var type in Enum.GetValues<FeedContentType>())
        {
            var reader = ContentReaders.For(type);
            var writer = ContentWriters.For(type);
            reader.ContentType.Should().Be(type);
            reader.Accepts(writer.Binding).Should().BeTrue(writer.Binding);
            ContentReaders.ForBinding(writer.Binding).Should().BeSameAs(reader);
            ContentReaders.ForBinding(writer.MediaType).Should().Be(writer.IsXml || type == FeedContentType.EclecticIqJson ? null : reader);
        }

        ContentReaders.All.Select(r => r.ContentType).Should().BeEquivalentTo(Enum.GetValues<FeedContentType>());
    }

    [Theory]
    [InlineData("urn:stix.mitre.org:xml:1.1.1", FeedContentType.Stix12)]
    [InlineData("urn:eclecticiq.com:json:1.3", FeedContentType.EclecticIqJson)]
    [InlineData("text/plain; charset=us-ascii", FeedContentType.PlainText)]
    public void Detects_the_reader_from_a_binding(string binding, FeedContentType type) =>
        ContentReaders.ForBinding(binding)!.ContentType.Should().Be(type);

    [Theory]
    [InlineData("urn:stix.mitre.org:json:2.1")]
    [InlineData("application/octet-stream")]
    [InlineData("")]
    [InlineData(null)]
    public void Knows_no_reader_for_other_bindings(string? binding) => ContentReaders.ForBinding(binding).Should().BeNull();

    [Fact]
    public async Task EclecticIq_json_reads_through_the_contract_with_removals()
    {
        var kept = Samples.Entity(EntityType.Indicator, "taxii:indicator-1", [Samples.Observable(ObservableKinds.Ipv4, "192.0.2.1")]);
        var gone = Samples.Entity(EntityType.Ttp, "taxii:ttp-1");
        var package = Samples.Package(EclecticIqJsonWriter.Instance, Samples.Header(UpdateStrategy.Diff), [Samples.Add(kept), Samples.Remove(gone)]);

        var read = await EclecticIqJsonContentReader.Instance.ReadAsync(new MemoryStream(package), TestContext.Current.CancellationToken);

        read.Entities.Should().ContainSingle().Which.ExternalId.Should().Be("taxii:indicator-1");
        read.RemovedIds.Should().Equal("taxii:ttp-1");
    }

    [Fact]
    public async Task EclecticIq_json_errors_become_content_read_errors()
    {
        var read = () => EclecticIqJsonContentReader.Instance.ReadAsync(
            new MemoryStream(Encoding.UTF8.GetBytes("{\"format\":\"urn:other\"}")), TestContext.Current.CancellationToken);

        (await read.Should().ThrowAsync<ContentReadException>()).Which.Message.Should().Contain("format");
    }
}
