using System.Linq.Expressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Feeds;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.IncomingFeeds;
using Taxii.Server.Ui.IncomingView;

namespace Taxii.Server.Ui.Pages.DataConfiguration.IncomingFeeds;

/// <summary>
/// Data configuration › Feeds › Incoming feeds: the feeds shared with the user's groups (administrators see all; the
/// REST API's visibility rule, <see cref="IncomingFeedEndpoints.Visible"/>), each with its last run, sorted by a column
/// (<see cref="IncomingFeedSort"/>, in the query string) or in creation order, in numbered pages of 25.
/// </summary>
[Authorize(Policy = Permissions.ReadIncomingFeeds)]
internal sealed class IndexModel(TaxiiDbContext db, UiNavigation navigation)
    : SortedListPage<IncomingFeed, IndexModel.IncomingFeedRow>(user => new IncomingFeedSort(db, user))
{
    private static readonly Expression<Func<IncomingFeed, IncomingFeedRow>> Projection =
        f => new IncomingFeedRow(f.Id, f.Name, f.Description, f.TransportType, f.ContentType, f.DatasetId, f.Enabled, null);

    public bool MayModify { get; private set; }

    /// <summary>Dataset names by id, for the feeds on this page (the user may not see every dataset: then its id).</summary>
    public IReadOnlyDictionary<int, string> Datasets { get; private set; } = new Dictionary<int, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        MayModify = await navigation.MayAsync(User, Permissions.ModifyIncomingFeeds);
        await LoadRowsAsync(IncomingFeedEndpoints.Visible(db, User).AsNoTracking(), Projection, cancellationToken);
        var lastRuns = await IncomingFeedEndpoints.LastRunsAsync(db, [.. Rows.Select(f => f.Id)], cancellationToken);
        Rows = [.. Rows.Select(r => r with { LastRun = lastRuns.GetValueOrDefault(r.Id) })];
        Datasets = await DatasetNames.OfAsync(db, User, Rows.Select(f => f.DatasetId), cancellationToken);
    }

    public sealed record IncomingFeedRow(
        int Id, string Name, string? Description, IncomingTransportType Transport, FeedContentType? ContentType, int DatasetId, bool Enabled,
        IncomingFeedRunDto? LastRun);
}
