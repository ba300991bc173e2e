using Taxii.Core.Feeds;

namespace Taxii.Feeds.ContentTypes;

/// <summary>
/// Reads one package of a content type into entities to store. A package that is not what the reader expects throws
/// <see cref="ContentReadException"/> with a reason fit for the run record (never the content itself). The caller has
/// already refused packages over MaxBlobSize, so a reader may hold one package in memory.
/// </summary>
public interface IContentReader
{
    FeedContentType ContentType { get; }

    /// <summary>Whether a TAXII content binding id (or media type) names this reader's content.</summary>
    bool Accepts(string binding);

    Task<ParsedPackage> ReadAsync(Stream package, CancellationToken cancellationToken);
}
