using Taxii.Core.Feeds;

namespace Taxii.Server.Admin.OutgoingFeeds;

public sealed record OutgoingFeedDto(
    int Id,
    string Name,
    string? Description,
    bool Enabled,
    IReadOnlyList<int> DatasetIds,
    IReadOnlyList<int> GroupIds,
    OutgoingTransportDto Transport,
    FeedContentType ContentType,
    UpdateStrategy UpdateStrategy,
    string? Schedule,
    OutgoingFeedFilterDto Filter,
    OutgoingFeedRunDto? LastRun,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<int> IncomingFeedIds,
    IReadOnlyList<int> SourceGroupIds,
    int? OwnerId)
{
    public static OutgoingFeedDto From(OutgoingFeed f, OutgoingFeedRunDto? lastRun) => new(
        f.Id, f.Name, f.Description, f.Enabled,
        [.. f.Datasets.Select(d => d.Id).Order()], [.. f.Groups.Select(g => g.Id).Order()],
        OutgoingTransportDto.Of(f.TransportType, f.Transport), f.ContentType, f.UpdateStrategy, f.Schedule,
        OutgoingFeedFilterDto.FromFilter(f.Filter), lastRun, f.CreatedAt, f.UpdatedAt,
        [.. f.IncomingFeeds.Select(i => i.Id).Order()], [.. f.SourceGroups.Select(g => g.Id).Order()], f.OwnerId);
}
