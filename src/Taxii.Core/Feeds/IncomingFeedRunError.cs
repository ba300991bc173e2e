namespace Taxii.Core.Feeds;

/// <summary>A package a run could not ingest, and why; the run went on with the others.</summary>
public sealed class IncomingFeedRunError
{
    public long Id { get; set; }

    public long RunId { get; set; }

    /// <summary>Which package: a file path, a content block number, an upload's file name.</summary>
    public required string Package { get; set; }

    public required string Reason { get; set; }
}
