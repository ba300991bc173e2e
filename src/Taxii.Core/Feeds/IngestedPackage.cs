namespace Taxii.Core.Feeds;

/// <summary>
/// A package stored into a dataset, by SHA-256: the same package arriving again (another feed, another run, a retry
/// after a crash) is recognised and skipped. Written in the transaction that stores the package's entities.
/// </summary>
public sealed class IngestedPackage
{
    public long Id { get; set; }

    public int DatasetId { get; set; }

    public required byte[] Sha256 { get; set; }

    public long Size { get; set; }

    public int? FeedId { get; set; }

    public long? RunId { get; set; }

    /// <summary>Where it came from (file path, collection and block, upload name), for the admin.</summary>
    public required string Source { get; set; }

    public DateTimeOffset IngestedAt { get; set; }
}
