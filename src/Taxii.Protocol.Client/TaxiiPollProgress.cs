namespace Taxii.Protocol.Client;

/// <summary>
/// What <see cref="TaxiiClient.PollAllAsync(Uri, string, DateTimeOffset?, DateTimeOffset?, TaxiiPollProgress?, CancellationToken)"/>
/// has learnt so far. Read <see cref="InclusiveEndTimestamp"/> once the blocks are all read: it is where the
/// next incremental poll starts (as its exclusive begin). A peer that names no end leaves
/// <see cref="LatestTimestampLabel"/> as the only measure of how far the result went.
/// </summary>
public sealed class TaxiiPollProgress
{
    /// <summary>The first part's Exclusive_Begin_Timestamp (1.0: Inclusive_Begin_Timestamp), if any.</summary>
    public DateTimeOffset? BeginTimestamp { get; internal set; }

    /// <summary>The Inclusive_End_Timestamp of the last part read; a data set has none.</summary>
    public DateTimeOffset? InclusiveEndTimestamp { get; internal set; }

    /// <summary>
    /// The latest Timestamp_Label among the blocks handed out so far (blocks without one do not count), in the peer's
    /// own clock; null when no block carried one.
    /// </summary>
    public DateTimeOffset? LatestTimestampLabel { get; internal set; }

    /// <summary>The result_id of a multi-part result (1.1 only).</summary>
    public string? ResultId { get; internal set; }

    /// <summary>How many Poll_Responses (parts) have been read.</summary>
    public int PartCount { get; internal set; }

    /// <summary>How many content blocks have been handed out.</summary>
    public long BlockCount { get; internal set; }

    /// <summary>True once the last part (more=false) has been read to its end.</summary>
    public bool IsComplete { get; internal set; }
}
