using Taxii.Core.Feeds;

namespace Taxii.Server.Admin.IncomingFeeds;

/// <summary>The run an upload to an incoming feed recorded: its one package, what it held, and why it failed.</summary>
public sealed record UploadRunDto(
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
    IReadOnlyList<UploadRunErrorDto> Errors)
{
    public static UploadRunDto From(IncomingFeedRun r) => new(
        r.Id, r.FeedId, r.Trigger, r.Status, r.QueuedAt, r.StartedAt, r.EndedAt, r.PackageCount, r.SkippedPackageCount,
        r.FailedPackageCount, r.EntitiesCreated, r.EntitiesUpdated, r.EntitiesUnchanged, r.EntitiesRemoved, r.ObservableCount,
        r.Error, [.. r.Errors.Select(e => new UploadRunErrorDto(e.Package, e.Reason))]);
}
