namespace Taxii.Core.Feeds;

/// <summary>A file a mount-point feed has read, by path, size and SHA-256: the next runs skip it while it stays the same.</summary>
public sealed class MountPointFile
{
    public long Id { get; set; }

    public int FeedId { get; set; }

    public required string Path { get; set; }

    public long Size { get; set; }

    public required byte[] Sha256 { get; set; }

    public DateTimeOffset ReadAt { get; set; }
}
