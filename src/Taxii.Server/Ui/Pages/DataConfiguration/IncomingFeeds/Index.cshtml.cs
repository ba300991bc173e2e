using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.IncomingFeeds;
using Taxii.Server.Ui.FeedsView;
using Taxii.Server.Ui.IncomingView;

namespace Taxii.Server.Ui.Pages.DataConfiguration.IncomingFeeds;

/// <summary>
/// Data configuration › Feeds › Incoming feeds: the feeds shared with the user's groups (administrators see all; the
/// REST API's visibility rule, <see cref="IncomingFeedEndpoints.Visible"/>), each with its last run, sorted by a column
/// (<see cref="IncomingFeedSort"/>, in the query string) or in creation order, in numbered pages of 25.
/// </summary>
[Authorize(Policy = Permissions.ReadIncomingFeeds)]
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

    public FeedListSort Order => new(UiSetup.Prefix + "/data/incoming-feeds", IncomingFeedSort.Columns, Sort, Direction, PageNumber);

    public IReadOnlyList<IncomingFeedDto> Feeds { get; private set; } = [];

    public bool HasNextPage { get; private set; }

    public bool MayModify { get; private set; }

    /// <summary>Dataset names by id, for the feeds on this page (the user may not see every dataset: then its id).</summary>
    public IReadOnlyDictionary<int, string> Datasets { get; private set; } = new Dictionary<int, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var order = Order;
        MayModify = await navigation.MayAsync(User, Permissions.ModifyIncomingFeeds);
        var fetched = await IncomingFeedSort.Apply(db, IncomingFeedEndpoints.Visible(db, User).AsNoTracking(), order.Column, order.Descending)
            .Skip((order.PageNumber - 1) * PageSize).Take(PageSize + 1).Include(f => f.Groups).AsSplitQuery().ToListAsync(cancellationToken);
        HasNextPage = fetched.Count > PageSize;
        var page = fetched.Take(PageSize).ToList();
        var lastRuns = await IncomingFeedEndpoints.LastRunsAsync(db, [.. page.Select(f => f.Id)], cancellationToken);
        Feeds = [.. page.Select(f => IncomingFeedDto.From(f, lastRuns.GetValueOrDefault(f.Id)))];
        Datasets = await DatasetNames.OfAsync(db, User, Feeds.Select(f => f.DatasetId), cancellationToken);
    }
}
