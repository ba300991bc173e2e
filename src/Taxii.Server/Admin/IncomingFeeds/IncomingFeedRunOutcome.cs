namespace Taxii.Server.Admin.IncomingFeeds;

/// <summary>
/// What became of a request for a run (Run now, or an upload): the run, or why none was made (an upload refused, a
/// conflict such as a disabled feed or a run in progress, or no such feed: all null).
/// </summary>
internal sealed record IncomingFeedRunOutcome(IncomingFeedRunDto? Run, UploadRefusal? Refusal = null, string? Conflict = null)
{
    public static readonly IncomingFeedRunOutcome NotFound = new((IncomingFeedRunDto?)null);
}
