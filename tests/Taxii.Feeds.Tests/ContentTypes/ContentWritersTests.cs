using FluentAssertions;
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
}
