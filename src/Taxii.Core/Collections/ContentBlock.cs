namespace Taxii.Core.Collections;

/// <summary>One package of content in a collection, stored verbatim.</summary>
public sealed class ContentBlock
{
    public long Id { get; set; }

    public int CollectionId { get; set; }

    public required byte[] Content { get; set; }

    public required string ContentBinding { get; set; }

    public string? ContentSubtype { get; set; }

    /// <summary>The content is an XML fragment (served as markup), not text such as JSON (served escaped).</summary>
    public bool IsXml { get; set; }

    /// <summary>SHA-256 of <see cref="Content"/>.</summary>
    public required byte[] Sha256 { get; set; }

    /// <summary>Server-assigned, microsecond precision: TAXII timestamp labels carry at most 6 fractional digits.</summary>
    public DateTimeOffset TimestampLabel { get; set; }

    public string? Message { get; set; }

    /// <summary>The user who pushed it into an inbox (null: anonymous, or written by Taxii itself).</summary>
    public int? SenderUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
