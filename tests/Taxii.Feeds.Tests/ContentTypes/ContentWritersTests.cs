using FluentAssertions;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;
using Taxii.Feeds.ContentTypes;

namespace Taxii.Feeds.Tests.ContentTypes;

public sealed class ContentWritersTests
{
    [Fact]
    public void The_registry_has_one_writer_per_content_type()
    {
        foreach (var type in Enum.GetValues<FeedContentType>())
        {
            ContentWriters.For(type).ContentType.Should().Be(type);
        }

        ContentWriters.All.Select(w => w.ContentType).Should().BeEquivalentTo(Enum.GetValues<FeedContentType>());
        ContentWriters.For(FeedContentType.PlainText).Should().BeSameAs(PlainTextWriter.Instance);
    }

    [Fact]
    public void The_change_order_follows_sections_then_type_order()
    {
        var stix = ContentWriters.ChangeOrder(StixWriter.Instance, withRemovals: true);
        stix.Should().Equal(StixWriter.Instance.TypeOrder.Select(t => (FeedChangeKind.Add, t)), "STIX carries no removals");

        var json = ContentWriters.ChangeOrder(EclecticIqJsonWriter.Instance, withRemovals: true);
        json.Should().HaveCount(20);
        json.Take(10).Should().OnlyContain(g => g.Kind == FeedChangeKind.Add, "the entities section comes before the removed one");
        json.Skip(10).Select(g => g.Type).Should().Equal(EclecticIqJsonWriter.Instance.TypeOrder);

        ContentWriters.ChangeOrder(CsvWriter.Instance, withRemovals: false).Should().HaveCount(10).And.OnlyContain(g => g.Kind == FeedChangeKind.Add);
        ContentWriters.ChangeOrder(CsvWriter.Instance, withRemovals: true).Select(g => g.Type).Distinct().Should().HaveCount(10);
        ContentWriters.ChangeOrder(CsvWriter.Instance, withRemovals: true).First().Should().Be((FeedChangeKind.Add, EntityType.Indicator));
    }
}
