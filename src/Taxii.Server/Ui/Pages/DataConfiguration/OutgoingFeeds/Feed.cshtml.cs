using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.OutgoingFeeds;

namespace Taxii.Server.Ui.Pages.DataConfiguration.OutgoingFeeds;

/// <summary>
/// An outgoing feed: its configuration (the REST API's <see cref="OutgoingFeedDto"/>), its sources by name, and its runs
/// newest first, paged by keyset (<c>before</c>). "Run now", enable and disable post here and go through
/// <see cref="OutgoingFeedOperations"/>, as the REST API does; they need <c>modify outgoing-feeds</c>.
/// </summary>
[Authorize(Policy = Permissions.ReadOutgoingFeeds)]
internal sealed class FeedModel(TaxiiDbContext db, OutgoingFeedOperations operations, UiNavigation navigation) : PageModel
{
    public const int RunPageSize = 20;

    [BindProperty(SupportsGet = true, Name = "before")]
    public long? Before { get; set; }

    public OutgoingFeedDto Feed { get; private set; } = null!;

    public OutgoingFeedRunPage Runs { get; private set; } = new([], null);

    public IReadOnlyList<string> Datasets { get; private set; } = [];

    public IReadOnlyList<string> IncomingFeeds { get; private set; } = [];

    public IReadOnlyList<string> SourceGroups { get; private set; } = [];

    public IReadOnlyList<string> Groups { get; private set; } = [];

    public bool MayModify { get; private set; }

    /// <summary>Why the last action was refused (a run already active, a disabled feed).</summary>
    public string? Refusal { get; private set; }

    /// <summary>Whether a run on this page is queued or running: the page then refreshes its runs.</summary>
    public bool Active => Runs.Items.Any(r => r.Status is Core.Feeds.FeedRunStatus.Queued or Core.Feeds.FeedRunStatus.Running);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>The runs table alone, for ui.js to refresh while a run is active.</summary>
    public async Task<IActionResult> OnGetRunsAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Partial("_Runs", this) : NotFound();

    public async Task<IActionResult> OnPostRunAsync(int id, CancellationToken cancellationToken)
    {
        if (!await navigation.MayAsync(User, Permissions.ModifyOutgoingFeeds))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        return await operations.RunAsync(id, User, cancellationToken) switch
        {
            { Run: { } } => Redirect($"{UiSetup.Prefix}/data/outgoing-feeds/{id}"),
            { Conflict: { } conflict } => await RefuseAsync(id, conflict, cancellationToken),
            _ => NotFound(),
        };
    }

    public Task<IActionResult> OnPostEnableAsync(int id, CancellationToken cancellationToken) => SetEnabledAsync(id, true, cancellationToken);

    public Task<IActionResult> OnPostDisableAsync(int id, CancellationToken cancellationToken) => SetEnabledAsync(id, false, cancellationToken);

    private async Task<IActionResult> SetEnabledAsync(int id, bool enabled, CancellationToken cancellationToken)
    {
        if (!await navigation.MayAsync(User, Permissions.ModifyOutgoingFeeds))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        return await operations.SetEnabledAsync(id, enabled, User, cancellationToken) ? Redirect($"{UiSetup.Prefix}/data/outgoing-feeds/{id}") : NotFound();
    }

    private async Task<IActionResult> RefuseAsync(int id, string conflict, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Refusal = conflict;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await OutgoingFeedOperations.FindAsync(db, User, id, cancellationToken) is not { } feed)
        {
            return false;
        }

        Feed = feed;
        Runs = await OutgoingFeedOperations.RunPageAsync(db, id, Before, RunPageSize, cancellationToken);
        Datasets = await db.Datasets.AsNoTracking().Where(d => feed.DatasetIds.Contains(d.Id)).OrderBy(d => d.Name).Select(d => d.Name).ToListAsync(cancellationToken);
        IncomingFeeds = await db.IncomingFeeds.AsNoTracking().Where(f => feed.IncomingFeedIds.Contains(f.Id)).OrderBy(f => f.Name).Select(f => f.Name).ToListAsync(cancellationToken);
        SourceGroups = await db.Groups.AsNoTracking().Where(g => feed.SourceGroupIds.Contains(g.Id)).OrderBy(g => g.Name).Select(g => g.Name).ToListAsync(cancellationToken);
        Groups = await db.Groups.AsNoTracking().Where(g => feed.GroupIds.Contains(g.Id)).OrderBy(g => g.Name).Select(g => g.Name).ToListAsync(cancellationToken);
        MayModify = await navigation.MayAsync(User, Permissions.ModifyOutgoingFeeds);
        return true;
    }
}
