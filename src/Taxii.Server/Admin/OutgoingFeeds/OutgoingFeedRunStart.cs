namespace Taxii.Server.Admin.OutgoingFeeds;

/// <summary>The outcome of asking for a run: the queued run, a conflict (disabled, or a run already active), or no such feed.</summary>
internal sealed record OutgoingFeedRunStart(OutgoingFeedRunDto? Run, string? Conflict)
{
    public static OutgoingFeedRunStart NotFound { get; } = new(null, null);
}
