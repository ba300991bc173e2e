namespace Taxii.Core.Feeds;

/// <summary>One package a run wrote; its bytes are kept only for HTTP download feeds.</summary>
public sealed class OutgoingFeedPackage
{
    public long Id { get; set; }

    public long RunId { get; set; }

    /// <summary>1-based position in the run.</summary>
    public int Sequence { get; set; }

    public required string FileName { get; set; }

    public required string MediaType { get; set; }

    public long Size { get; set; }

    public required byte[] Sha256 { get; set; }

    public int EntityCount { get; set; }

    /// <summary>The bytes, for HTTP download; null for transports that deliver elsewhere.</summary>
    public byte[]? Content { get; set; }
}
