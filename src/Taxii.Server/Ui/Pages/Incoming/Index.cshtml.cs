using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.IncomingFeeds;
using Taxii.Server.Ui.IncomingView;

namespace Taxii.Server.Ui.Pages.Incoming;

/// <summary>
/// Data configuration › Feeds › Incoming feeds: the feeds shared with the user's groups (administrators see all), in id
/// order and paged by the REST API's own query (<see cref="IncomingFeedEndpoints.PageAsync"/>), each with its last run.
/// </summary>
[Authorize(Policy = Permissions.ReadIncomingFeeds)]
internal sealed class IndexModel(TaxiiDbContext db, UiNavigation navigation) : PageModel
{
    public const int PageSize = 25;

    public IReadOnlyList<IncomingFeedDto> Feeds { get; private set; } = [];

    /// <summary>Where the next page starts (the <c>after</c> cursor), or null on the last page.</summary>
    public int? Next { get; private set; }

    public bool IsFirstPage { get; private set; }

    public bool MayModify { get; private set; }

    /// <summary>Dataset names by id, for the feeds on this page (the user may not see every dataset: then its id).</summary>
    public IReadOnlyDictionary<int, string> Datasets { get; private set; } = new Dictionary<int, string>();

    public async Task OnGetAsync([FromQuery] int? after, CancellationToken cancellationToken)
    {
        IsFirstPage = after is null;
        MayModify = await navigation.MayAsync(User, Permissions.ModifyIncomingFeeds);
        var page = await IncomingFeedEndpoints.PageAsync(db, User, after, PageSize, null, cancellationToken);
        Feeds = page.Items;
        Next = page.Next;
        Datasets = await DatasetNames.OfAsync(db, User, Feeds.Select(f => f.DatasetId), cancellationToken);
    }
}
