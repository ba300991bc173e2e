using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.OutgoingFeeds;
using Taxii.Server.Ui.FeedsView;
using Taxii.Server.Ui.OutgoingFeedsView;

namespace Taxii.Server.Ui.Pages.DataConfiguration.OutgoingFeeds;

/// <summary>
/// Data configuration › Outgoing feeds: the feeds shared with one of the user's groups (administrators: all), each with
/// its newest run, sorted by a column (<see cref="OutgoingFeedSort"/>, in the query string) or in creation order, in
/// numbered pages of 25.
/// </summary>
[Authorize(Policy = Permissions.ReadOutgoingFeeds)]
internal sealed class IndexModel(TaxiiDbContext db, UiNavigation navigation) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "dir")]
    public string? Direction { get; set; }

    // not "page": Razor Pages keeps that route value for the page's own name
    [BindProperty(SupportsGet = true, Name = FeedListSort.PageParameter)]
    public int PageNumber { get; set; } = 1;

    public FeedListSort Order => new(UiSetup.Prefix + "/data/outgoing-feeds", OutgoingFeedSort.Columns, Sort, Direction, PageNumber);

    public IReadOnlyList<OutgoingFeedRow> Rows { get; private set; } = [];

    public bool HasNextPage { get; private set; }

    public bool MayModify { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        MayModify = await navigation.MayAsync(User, Permissions.ModifyOutgoingFeeds);
        var order = Order;
        var fetched = await OutgoingFeedSort.Apply(db, OutgoingFeedOperations.Visible(db, User).AsNoTracking(), order.Column, order.Descending)
            .Skip((order.PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(f => new OutgoingFeedRow(f.Id, f.Name, f.Description, f.TransportType, f.ContentType, f.Schedule, f.Enabled, null))
            .ToListAsync(cancellationToken);
        HasNextPage = fetched.Count > PageSize;
        var page = fetched.Take(PageSize).ToList();
        var lastRuns = await OutgoingFeedOperations.LastRunsAsync(db, [.. page.Select(f => f.Id)], cancellationToken);
        Rows = [.. page.Select(r => r with { LastRun = lastRuns.GetValueOrDefault(r.Id) })];
    }

    public sealed record OutgoingFeedRow(
        int Id, string Name, string? Description, Core.Feeds.OutgoingTransportType Transport, Core.Feeds.FeedContentType ContentType, string? Schedule,
        bool Enabled, OutgoingFeedRunDto? LastRun);
}
