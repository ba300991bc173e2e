using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.OutgoingFeeds;

namespace Taxii.Server.Ui.Pages.DataConfiguration.OutgoingFeeds;

/// <summary>
/// Data configuration › Outgoing feeds: the feeds shared with one of the user's groups (administrators: all), in id order,
/// paged by keyset as the REST list is (<c>after</c>), each with its newest run.
/// </summary>
[Authorize(Policy = Permissions.ReadOutgoingFeeds)]
internal sealed class IndexModel(TaxiiDbContext db, UiNavigation navigation) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "after")]
    public int? After { get; set; }

    public IReadOnlyList<OutgoingFeedRow> Rows { get; private set; } = [];

    /// <summary>The <c>after</c> of the next page, or null on the last.</summary>
    public int? Next { get; private set; }

    public bool MayModify { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        MayModify = await navigation.MayAsync(User, Permissions.ModifyOutgoingFeeds);
        var fetched = await OutgoingFeedOperations.Visible(db, User).AsNoTracking().Where(f => f.Id > (After ?? 0)).OrderBy(f => f.Id).Take(PageSize + 1)
            .Select(f => new OutgoingFeedRow(f.Id, f.Name, f.Description, f.TransportType, f.ContentType, f.Schedule, f.Enabled, null))
            .ToListAsync(cancellationToken);
        Next = fetched.Count > PageSize ? fetched[PageSize - 1].Id : null;
        var page = fetched.Take(PageSize).ToList();
        var lastRuns = await OutgoingFeedOperations.LastRunsAsync(db, [.. page.Select(f => f.Id)], cancellationToken);
        Rows = [.. page.Select(r => r with { LastRun = lastRuns.GetValueOrDefault(r.Id) })];
    }

    public sealed record OutgoingFeedRow(
        int Id, string Name, string? Description, Core.Feeds.OutgoingTransportType Transport, Core.Feeds.FeedContentType ContentType, string? Schedule,
        bool Enabled, OutgoingFeedRunDto? LastRun);
}
