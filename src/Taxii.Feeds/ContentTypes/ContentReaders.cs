using Taxii.Core.Feeds;

namespace Taxii.Feeds.ContentTypes;

/// <summary>Placeholder until the readers branch lands (replaced by the full registry).</summary>
public static class ContentReaders
{
    public static IContentReader For(FeedContentType contentType) => throw new NotSupportedException($"no reader for {contentType} yet");

    public static IContentReader? ForBinding(string binding) => null;
}
