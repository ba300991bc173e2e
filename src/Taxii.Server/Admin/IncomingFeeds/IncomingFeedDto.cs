using Taxii.Core.Feeds;

namespace Taxii.Server.Admin.IncomingFeeds;

/// <summary>An incoming feed; <c>lastInclusiveEnd</c> is where its next TAXII poll starts.</summary>
public sealed record IncomingFeedDto(
    int Id,
    string Name,
    string? Description,
    bool Enabled,
    int DatasetId,
    IReadOnlyList<int> GroupIds,
    IncomingTransportDto Transport,
    FeedContentType? ContentType,
    string? Schedule,
    DateTimeOffset? LastInclusiveEnd,
    IncomingFeedRunDto? LastRun,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static IncomingFeedDto From(IncomingFeed f, IncomingFeedRunDto? lastRun) => new(
        f.Id, f.Name, f.Description, f.Enabled, f.DatasetId, [.. f.Groups.Select(g => g.Id).Order()],
        IncomingTransportDto.From(f.TransportType, f.Transport), f.ContentType, f.Schedule, f.LastInclusiveEnd, lastRun, f.CreatedAt, f.UpdatedAt);
}
