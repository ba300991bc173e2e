using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Core.Feeds;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.IncomingFeeds;
using Taxii.Server.Ui.IncomingView;

namespace Taxii.Server.Ui.Pages.DataConfiguration.IncomingFeeds;

/// <summary>
/// An incoming feed: its configuration (the REST API's <see cref="IncomingFeedDto"/>), its runs newest first (paged by
/// the API's query), "Run now" through <see cref="IncomingFeedRunOperations"/> and the upload form (posted to the
/// Upload page). While a run is queued or running, ui.js refreshes the runs from <c>?handler=runs</c>; without script
/// the page says to reload.
/// </summary>
[Authorize(Policy = Permissions.ReadIncomingFeeds)]
internal sealed class FeedModel(TaxiiDbContext db, UiNavigation navigation, IncomingFeedRunOperations runs, IncomingFeedUploadOperations uploads) : PageModel
{
    public const int RunsPerPage = 20;

    public IncomingFeedDto Feed { get; private set; } = null!;

    public string DatasetName { get; private set; } = string.Empty;

    public IncomingFeedRunPage Runs { get; private set; } = new([], null);

    /// <summary>Whether this page shows the newest runs (no <c>before</c> cursor).</summary>
    public bool NewestRuns => Before is null;

    /// <summary>Where this page of runs starts (the <c>before</c> cursor), or null for the newest.</summary>
    public long? Before { get; private set; }

    /// <summary>The run an upload just made (<c>?run=</c>), shown at the top.</summary>
    public IncomingFeedRunDto? Uploaded { get; private set; }

    /// <summary>Why "Run now" was refused.</summary>
    public string? RunRefusal { get; private set; }

    public bool MayModify { get; private set; }

    public long UploadLimit => uploads.UploadLimit;

    /// <summary>Whether "Run now" applies: an enabled feed that fetches (an upload feed takes files instead).</summary>
    public bool CanRunNow => Feed.Enabled && Feed.Transport.Type != IncomingTransportType.ManualUpload;

    /// <summary>Whether a run is queued or running: the page then refreshes its runs.</summary>
    public bool Active => Feed.LastRun?.Status is FeedRunStatus.Queued or FeedRunStatus.Running
        || Runs.Items.Any(r => r.Status is FeedRunStatus.Queued or FeedRunStatus.Running);

    public async Task<IActionResult> OnGetAsync(int id, [FromQuery] long? before, [FromQuery] long? run, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, before, cancellationToken))
        {
            return NotFound();
        }

        if (run is { } runId)
        {
            Uploaded = await IncomingFeedRunOperations.FindAsync(db, User, id, runId, cancellationToken);
        }

        return Page();
    }

    /// <summary>The runs section alone, for ui.js to refresh while a run is active (the same partial as the page's).</summary>
    public async Task<IActionResult> OnGetRunsAsync(int id, [FromQuery] long? before, CancellationToken cancellationToken) =>
        await LoadAsync(id, before, cancellationToken) ? Partial("_IncomingRuns", this) : NotFound();

    /// <summary>Run now: the API's rules (enabled, not an upload feed, no run active); refused with 409 and the reason.</summary>
    public async Task<IActionResult> OnPostRunAsync(int id, CancellationToken cancellationToken)
    {
        if (!await navigation.MayAsync(User, Permissions.ModifyIncomingFeeds))
        {
            return Forbid();
        }

        var outcome = await runs.RunNowAsync(id, User, cancellationToken);
        if (outcome.Run is not null)
        {
            return Redirect($"{UiSetup.Prefix}/data/incoming-feeds/{id}");
        }

        if (outcome.Conflict is null || !await LoadAsync(id, null, cancellationToken))
        {
            return NotFound();
        }

        RunRefusal = outcome.Conflict;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, long? before, CancellationToken cancellationToken)
    {
        if (await IncomingFeedEndpoints.FindAsync(db, User, id, cancellationToken) is not { } feed)
        {
            return false;
        }

        Feed = feed;
        Before = before;
        Runs = await IncomingFeedRunOperations.PageAsync(db, User, id, before, RunsPerPage, cancellationToken) ?? Runs;
        DatasetName = DatasetNames.Name(await DatasetNames.OfAsync(db, User, [feed.DatasetId], cancellationToken), feed.DatasetId);
        MayModify = await navigation.MayAsync(User, Permissions.ModifyIncomingFeeds);
        return true;
    }
}
