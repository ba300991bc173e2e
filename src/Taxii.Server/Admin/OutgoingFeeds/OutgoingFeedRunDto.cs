using System.Linq.Expressions;
using Taxii.Core.Feeds;

namespace Taxii.Server.Admin.OutgoingFeeds;

public sealed record OutgoingFeedRunDto(
    long Id,
    int FeedId,
    FeedRunTrigger Trigger,
    FeedRunStatus Status,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    int EntityCount,
    int RemovedCount,
    int ObservableCount,
    int PackageCount,
    long TotalBytes,
    string? Error,
    IReadOnlyList<OutgoingFeedPackageDto> Packages)
{
    /// <summary>Package bytes stay in the database: only whether they are kept is read.</summary>
    public static readonly Expression<Func<OutgoingFeedRun, OutgoingFeedRunDto>> Projection = r => new OutgoingFeedRunDto(
        r.Id, r.FeedId, r.Trigger, r.Status, r.QueuedAt, r.StartedAt, r.EndedAt, r.EntityCount, r.RemovedCount,
        r.ObservableCount, r.PackageCount, r.TotalBytes, r.Error,
        r.Packages.OrderBy(p => p.Sequence)
            .Select(p => new OutgoingFeedPackageDto(p.Sequence, p.FileName, p.MediaType, p.Size, Convert.ToHexStringLower(p.Sha256), p.EntityCount, p.Content != null))
            .ToList());
}
