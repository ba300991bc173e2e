namespace Taxii.Server.Admin.IncomingFeeds;

/// <summary>What became of a create or update: the feed as saved, the validation errors, or the name conflict (all null: no such feed).</summary>
internal sealed record IncomingFeedChange(IncomingFeedDto? Feed, Validation? Invalid, string? Conflict)
{
    public static readonly IncomingFeedChange NotFound = new(null, null, null);
}
