using System.Linq.Expressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Feeds;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.OutgoingFeeds;
using Taxii.Server.Ui.OutgoingFeedsView;

namespace Taxii.Server.Ui.Pages.DataConfiguration.OutgoingFeeds;

/// <summary>
/// Data configuration › Outgoing feeds: the feeds shared with one of the user's groups (administrators: all), each with
/// its newest run, sorted by a column (<see cref="OutgoingFeedSort"/>, in the query string) or in creation order, in
/// numbered pages of 25.
/// </summary>
[Authorize(Policy = Permissions.ReadOutgoingFeeds)]
internal sealed class IndexModel(TaxiiDbContext db, UiNavigation navigation)
    : SortedListPage<OutgoingFeed, IndexModel.OutgoingFeedRow>(new OutgoingFeedSort(db))
{
    private static readonly Expression<Func<OutgoingFeed, OutgoingFeedRow>> Projection =
        f => new OutgoingFeedRow(f.Id, f.Name, f.Description, f.TransportType, f.ContentType, f.Schedule, f.Enabled, null);

    public bool MayModify { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        MayModify = await navigation.MayAsync(User, Permissions.ModifyOutgoingFeeds);
        await LoadRowsAsync(OutgoingFeedOperations.Visible(db, User).AsNoTracking(), Projection, cancellationToken);
        var lastRuns = await OutgoingFeedOperations.LastRunsAsync(db, [.. Rows.Select(f => f.Id)], cancellationToken);
        Rows = [.. Rows.Select(r => r with { LastRun = lastRuns.GetValueOrDefault(r.Id) })];
    }

    public sealed record OutgoingFeedRow(
        int Id, string Name, string? Description, OutgoingTransportType Transport, FeedContentType ContentType, string? Schedule, bool Enabled,
        OutgoingFeedRunDto? LastRun);
}
