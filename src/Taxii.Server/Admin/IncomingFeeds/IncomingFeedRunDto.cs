using System.Linq.Expressions;
using Taxii.Core.Feeds;

namespace Taxii.Server.Admin.IncomingFeeds;

public sealed record IncomingFeedRunDto(
    long Id,
    int FeedId,
    FeedRunTrigger Trigger,
    FeedRunStatus Status,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    int PackageCount,
    int SkippedPackageCount,
    int FailedPackageCount,
    int EntitiesCreated,
    int EntitiesUpdated,
    int EntitiesUnchanged,
    int EntitiesRemoved,
    int ObservableCount,
    string? Error,
    IReadOnlyList<IncomingFeedRunErrorDto> Errors)
{
    public static readonly Expression<Func<IncomingFeedRun, IncomingFeedRunDto>> Projection = r => new IncomingFeedRunDto(
        r.Id, r.FeedId, r.Trigger, r.Status, r.QueuedAt, r.StartedAt, r.EndedAt, r.PackageCount, r.SkippedPackageCount,
        r.FailedPackageCount, r.EntitiesCreated, r.EntitiesUpdated, r.EntitiesUnchanged, r.EntitiesRemoved, r.ObservableCount, r.Error,
        r.Errors.OrderBy(e => e.Id).Take(100).Select(e => new IncomingFeedRunErrorDto(e.Package, e.Reason)).ToList());

    private static readonly Func<IncomingFeedRun, IncomingFeedRunDto> Compiled = Projection.Compile();

    /// <summary>A run in memory (its errors loaded), as the projection would read it.</summary>
    public static IncomingFeedRunDto From(IncomingFeedRun run) => Compiled(run);
}
