namespace Taxii.Core.Collections;

/// <summary>
/// A poll answer too large for one response, kept so the client can fetch its parts with Poll_Fulfillment.
/// The window is closed when the result is made, so its parts never change; it is removed after it expires.
/// </summary>
public sealed class PollResult
{
    /// <summary>The result_id (a URN), unique.</summary>
    public required string Id { get; set; }

    public int CollectionId { get; set; }

    /// <summary>Who polled; only the same caller may fetch the parts. Null for anonymous.</summary>
    public int? UserId { get; set; }

    public DateTimeOffset? ExclusiveBegin { get; set; }

    public DateTimeOffset InclusiveEnd { get; set; }

    public ResponseType ResponseType { get; set; }

    /// <summary>As <see cref="ContentBindingFilter"/> strings; empty means all.</summary>
    public List<string> ContentBindings { get; set; } = [];

    public string? QueryFormatId { get; set; }

    public string? QueryXml { get; set; }

    public int PartSize { get; set; }

    /// <summary>Blocks in the whole result.</summary>
    public long TotalBlocks { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public List<PollResultPart> Parts { get; set; } = [];
}
