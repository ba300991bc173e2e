using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Datasets;
using Taxii.Core.Feeds;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Taxii;

namespace Taxii.Server.Admin.OutgoingFeeds;

/// <summary>
/// An outgoing feed's sources as the caller gives them: datasets it sees, incoming feeds it sees whose dataset it may
/// read, and groups it belongs to (administrators: any). Anything else is refused, naming the field; at least one
/// source in all. At run time the owner's read rights are applied again (<c>FeedSelection</c>), since they may change.
/// </summary>
internal static class OutgoingFeedSources
{
    public sealed record Checked(List<Dataset> Datasets, List<IncomingFeed> IncomingFeeds, List<Group> Groups);

    public static async Task<Checked> CheckAsync(
        Validation validation, TaxiiDbContext db, ClaimsPrincipal caller, IReadOnlyList<int> datasetIds, IReadOnlyList<int> incomingFeedIds,
        IReadOnlyList<int> groupIds, CancellationToken cancellationToken)
    {
        var feedIds = incomingFeedIds.Distinct().ToList();
        var sourceGroupIds = groupIds.Distinct().ToList();
        validation.Check(datasetIds.Count + feedIds.Count + sourceGroupIds.Count > 0, "datasetIds",
            "give at least one source: datasetIds, incomingFeedIds or sourceGroupIds");

        var datasets = await DataAccess.VisibleDatasets(db, caller).Where(d => datasetIds.Contains(d.Id)).ToListAsync(cancellationToken);
        foreach (var missing in datasetIds.Except(datasets.Select(d => d.Id)))
        {
            validation.Add("datasetIds", $"dataset {missing} does not exist");
        }

        var feeds = await DataAccess.VisibleIncomingFeeds(db, caller).Where(f => feedIds.Contains(f.Id)).ToListAsync(cancellationToken);
        foreach (var missing in feedIds.Except(feeds.Select(f => f.Id)))
        {
            validation.Add("incomingFeedIds", $"incoming feed {missing} does not exist");
        }

        var feedDatasets = feeds.Select(f => f.DatasetId).Distinct().ToList();
        var readable = await DataAccess.VisibleDatasets(db, caller).Where(d => feedDatasets.Contains(d.Id)).Select(d => d.Id).ToListAsync(cancellationToken);
        foreach (var feed in feeds.Where(f => !readable.Contains(f.DatasetId)))
        {
            validation.Add("incomingFeedIds", $"incoming feed {feed.Id} stores into dataset {feed.DatasetId}, which you may not read");
        }

        var groups = await db.Groups.Where(g => sourceGroupIds.Contains(g.Id)).ToListAsync(cancellationToken);
        foreach (var missing in sourceGroupIds.Except(groups.Select(g => g.Id)))
        {
            validation.Add("sourceGroupIds", $"group {missing} does not exist");
        }

        var who = TaxiiCaller.From(caller);
        if (!who.IsAdmin && groups.Count > 0)
        {
            var mine = await db.GroupMemberships.Where(m => m.UserId == who.UserId).Select(m => m.GroupId).ToListAsync(cancellationToken);
            foreach (var foreign in groups.Where(g => !mine.Contains(g.Id)))
            {
                validation.Add("sourceGroupIds", $"you are not a member of group {foreign.Id}");
            }
        }

        return new Checked(datasets, feeds, groups);
    }
}
