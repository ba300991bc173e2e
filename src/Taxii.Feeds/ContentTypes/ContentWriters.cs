using Taxii.Core.Feeds;

namespace Taxii.Feeds.ContentTypes;

/// <summary>
/// The writer of each content type. Writers are stateless, so this is a plain static registry that the REST API's
/// validation (does the content type carry removals?) and the run engine share without DI.
/// </summary>
public static class ContentWriters
{
    public static IReadOnlyList<IContentWriter> All { get; } =
        [EclecticIqJsonWriter.Instance, StixWriter.Instance, CsvWriter.Instance, PlainTextWriter.Instance];

    public static IContentWriter For(FeedContentType contentType) => contentType switch
    {
        FeedContentType.EclecticIqJson => EclecticIqJsonWriter.Instance,
        FeedContentType.Stix12 => StixWriter.Instance,
        FeedContentType.Csv => CsvWriter.Instance,
        FeedContentType.PlainText => PlainTextWriter.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(contentType), contentType, "no writer for this content type"),
    };
}
