using Taxii.Core.Feeds;

namespace Taxii.Feeds.ContentTypes;

/// <summary>
/// The reader of each content type, and the reader for a TAXII content binding or HTTP media type (incoming feeds
/// that do not fix their content type). Readers are stateless, so this is a static registry, as
/// <see cref="ContentWriters"/> is.
/// </summary>
public static class ContentReaders
{
    public static IReadOnlyList<IContentReader> All { get; } =
        [EclecticIqJsonContentReader.Instance, StixReader.Instance, CsvReader.Instance, PlainTextReader.Instance];

    public static IContentReader For(FeedContentType contentType) => contentType switch
    {
        FeedContentType.EclecticIqJson => EclecticIqJsonContentReader.Instance,
        FeedContentType.Stix12 => StixReader.Instance,
        FeedContentType.Csv => CsvReader.Instance,
        FeedContentType.PlainText => PlainTextReader.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(contentType), contentType, "no reader for this content type"),
    };

    /// <summary>The reader that accepts <paramref name="binding"/>, or null when none does.</summary>
    public static IContentReader? ForBinding(string? binding) =>
        string.IsNullOrWhiteSpace(binding) ? null : All.FirstOrDefault(r => r.Accepts(binding));
}
