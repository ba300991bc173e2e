using System.Buffers;
using Taxii.Core.Entities;
using Taxii.Core.Feeds;

namespace Taxii.Feeds.ContentTypes;

/// <summary>
/// Writes one content type as pieces that the package composer joins and splits under MaxBlobSize:
/// <c>Start [SectionStart item (Separator item)* SectionEnd]* End</c>. Every piece depends only on its arguments
/// (writers are stateless singletons), so the composer can measure a piece before it commits it to a package.
/// Entities reach a writer grouped by section, in <see cref="TypeOrder"/> (adds, then removals, per type).
/// </summary>
public interface IContentWriter
{
    FeedContentType ContentType { get; }

    /// <summary>The TAXII content binding id (<c>urn:eclecticiq.com:json:1.0</c>, …).</summary>
    string Binding { get; }

    /// <summary>The HTTP media type of a package (<c>application/json</c>, …).</summary>
    string MediaType { get; }

    /// <summary>The file name extension of a package, without the dot.</summary>
    string FileExtension { get; }

    /// <summary>Whether a package is XML (a TAXII content block served as markup) rather than text.</summary>
    bool IsXml { get; }

    /// <summary>Whether the format can say that something was removed (needed by the Diff strategy).</summary>
    bool CarriesRemovals { get; }

    /// <summary>The order the format needs entity types in (STIX fixes the order of its top-level lists).</summary>
    IReadOnlyList<EntityType> TypeOrder { get; }

    /// <summary>The section an entity type is written in; a package opens each section at most once.</summary>
    int SectionOf(FeedChangeKind kind, EntityType type);

    void WriteStart(IBufferWriter<byte> output, PackageHeader header);

    void WriteSectionStart(IBufferWriter<byte> output, int section);

    void WriteSeparator(IBufferWriter<byte> output);

    /// <summary>Writes one entity; may write nothing when the format has nothing to say about it (plain text and an entity without observables).</summary>
    void WriteItem(IBufferWriter<byte> output, PackageHeader header, FeedChange change);

    void WriteSectionEnd(IBufferWriter<byte> output, int section);

    void WriteEnd(IBufferWriter<byte> output);
}
