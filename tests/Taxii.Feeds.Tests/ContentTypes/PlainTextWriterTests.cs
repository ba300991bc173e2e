using System.Text;
using FluentAssertions;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;
using Taxii.Feeds.ContentTypes;

namespace Taxii.Feeds.Tests.ContentTypes;

public sealed class PlainTextWriterTests
{
    private static readonly PlainTextWriter Writer = PlainTextWriter.Instance;

    [Fact]
    public void Describes_the_format()
    {
        Writer.Binding.Should().Be("text/plain");
        Writer.MediaType.Should().Be("text/plain; charset=utf-8");
        Writer.FileExtension.Should().Be("txt");
        Writer.CarriesRemovals.Should().BeFalse();
        Writer.Invoking(w => w.SectionOf(FeedChangeKind.Remove, EntityType.Indicator)).Should().Throw<NotSupportedException>();
    }

    [Fact]
    public void Writes_one_value_per_line_and_nothing_else()
    {
        var bytes = Samples.Package(Writer, Samples.Header(),
        [
            Samples.Add(Samples.Entity(EntityType.Indicator, "taxii:i-1", [Samples.Observable(ObservableKinds.Ipv4, "198.51.100.7"), Samples.Observable(ObservableKinds.Domain, "bücher.example")])),
            Samples.Add(Samples.Entity(EntityType.ThreatActor, "taxii:ta-1")),
            Samples.Add(Samples.Entity(EntityType.Indicator, "taxii:i-2", [Samples.Observable(ObservableKinds.Url, "http://x/a b")])),
        ]);

        Encoding.UTF8.GetString(bytes).Should().Be("198.51.100.7\nbücher.example\nhttp://x/a b\n");
    }

    [Fact]
    public void An_entity_without_observables_and_a_value_with_a_line_break_write_nothing()
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();

        Writer.WriteItem(output, Samples.Header(), Samples.Add(Samples.Entity(EntityType.Campaign, "taxii:c-1")));
        Writer.WriteItem(output, Samples.Header(), Samples.Add(Samples.Entity(EntityType.Indicator, "taxii:i-1",
            [Samples.Observable("x", "a\nb"), Samples.Observable("x", "c\rd"), Samples.Observable("x", "")])));

        output.WrittenCount.Should().Be(0);
    }

}
