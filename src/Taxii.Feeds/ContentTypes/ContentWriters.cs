using Taxii.Core.Entities;
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

    /// <summary>
    /// The groups of changes in the order a run hands them to the package composer: by section, then in the
    /// writer's <see cref="IContentWriter.TypeOrder"/>, adds before removals within a section. Removals are
    /// included only when asked for and the writer carries them.
    /// </summary>
    public static IReadOnlyList<(FeedChangeKind Kind, EntityType Type)> ChangeOrder(IContentWriter writer, bool withRemovals)
    {
        ArgumentNullException.ThrowIfNull(writer);
        FeedChangeKind[] kinds = withRemovals && writer.CarriesRemovals ? [FeedChangeKind.Add, FeedChangeKind.Remove] : [FeedChangeKind.Add];
        return kinds
            .SelectMany(kind => writer.TypeOrder.Select((type, index) => (Kind: kind, Type: type, Index: index)))
            .OrderBy(g => writer.SectionOf(g.Kind, g.Type))
            .ThenBy(g => g.Kind)
            .ThenBy(g => g.Index)
            .Select(g => (g.Kind, g.Type))
            .ToList();
    }
}
