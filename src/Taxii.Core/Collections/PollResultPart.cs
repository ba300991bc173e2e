namespace Taxii.Core.Collections;

/// <summary>Where a part of a <see cref="PollResult"/> starts: the keyset position (label, id) just before its first block.</summary>
public sealed class PollResultPart
{
    public required string ResultId { get; set; }

    public int PartNumber { get; set; }

    /// <summary>Null for the first part, which starts at the window's beginning.</summary>
    public DateTimeOffset? AfterLabel { get; set; }

    public long AfterId { get; set; }
}
