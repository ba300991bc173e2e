using Taxii.Core.Feeds;

namespace Taxii.Feeds.ContentTypes;

/// <summary>
/// <see cref="EclecticIqJsonReader"/> as an <see cref="IContentReader"/>: entities as read, the removals' external
/// ids as <see cref="ParsedPackage.RemovedIds"/>, and <see cref="EclecticIqJsonException"/> as
/// <see cref="ContentReadException"/> with the same message. The package header (feed, run, part) is not part of
/// <see cref="ParsedPackage"/> and is dropped.
/// </summary>
public sealed class EclecticIqJsonContentReader : IContentReader
{
    public static EclecticIqJsonContentReader Instance { get; } = new();

    private EclecticIqJsonContentReader()
    {
    }

    public FeedContentType ContentType => FeedContentType.EclecticIqJson;

    /// <summary>Any 1.x binding: minor versions only add fields, which the reader ignores.</summary>
    public bool Accepts(string binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        return binding.Trim().StartsWith("urn:eclecticiq.com:json:1.", StringComparison.Ordinal);
    }

    public async Task<ParsedPackage> ReadAsync(Stream package, CancellationToken cancellationToken)
    {
        EclecticIqJsonPackage read;
        try
        {
            read = await EclecticIqJsonReader.ReadAsync(package, cancellationToken);
        }
        catch (EclecticIqJsonException e)
        {
            throw new ContentReadException(e.Message, e);
        }

        return new ParsedPackage(read.Entities, read.Removed.Select(r => r.ExternalId).Distinct(StringComparer.Ordinal).ToList());
    }
}
