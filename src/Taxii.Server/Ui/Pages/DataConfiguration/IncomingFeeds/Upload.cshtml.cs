using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Taxii.Core.Feeds;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin;
using Taxii.Server.Admin.IncomingFeeds;
using Taxii.Server.Ui.IncomingView;

namespace Taxii.Server.Ui.Pages.DataConfiguration.IncomingFeeds;

/// <summary>
/// Uploads a file to an incoming feed through <see cref="IncomingFeedUploadOperations"/>, the code behind
/// <c>POST /api/v1/incoming-feeds/{id}/uploads</c>. A run that stored or skipped the file goes back to the feed's page,
/// which shows its counts. A refusal stays here with the reason at the field: 413 over the size limit, 422 for no file
/// or content that could not be read (the API records that as a failed run; nothing is stored), 409 for a disabled feed
/// or a run in progress.
/// </summary>
/// <remarks>
/// The body limit is set before the antiforgery token is checked and before anything reads the form
/// (<see cref="UploadPage"/>, as the dataset upload page does), so a file over the limit is answered 413 with the limit.
/// </remarks>
[Authorize(Policy = Permissions.ModifyIncomingFeeds)]
[IgnoreAntiforgeryToken]
internal sealed class UploadModel(TaxiiDbContext db, IncomingFeedUploadOperations uploads, IAntiforgery antiforgery) : UploadPage(antiforgery)
{
    public IncomingFeedDto Feed { get; private set; } = null!;

    /// <summary>The failed run of content that could not be read, with its package errors.</summary>
    public IncomingFeedRunDto? FailedRun { get; private set; }

    /// <summary>Why the upload was refused when it is not about a field (a disabled feed, a run in progress).</summary>
    public string? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await IncomingFeedEndpoints.FindAsync(db, User, id, cancellationToken) is not { } feed)
        {
            return NotFound();
        }

        Feed = feed;
        Form = new UploadForm(id, uploads.UploadLimit);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (RouteId() is not { } id || await IncomingFeedEndpoints.FindAsync(db, User, id, cancellationToken) is not { } feed)
        {
            return NotFound();
        }

        Feed = feed;
        Form = new UploadForm(id, uploads.UploadLimit);
        if (await CheckUploadAsync() is { } refused)
        {
            return refused;
        }

        var outcome = await uploads.UploadAsync(id, HttpContext, ChosenContentType, User, cancellationToken);
        switch (outcome)
        {
            case { Run: { Status: FeedRunStatus.Failed } run }:
                FailedRun = run;
                return Refused(new UploadRefusal(StatusCodes.Status422UnprocessableEntity, "file", $"The file was not ingested: {run.Error}"));
            case { Run: { } run }:
                return Redirect($"{UiSetup.Prefix}/data/incoming-feeds/{id}?run={run.Id}#upload-outcome");
            case { Refusal: { } refusal }:
                return Refused(refusal);
            case { Conflict: { } conflict }:
                Conflict = conflict;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                return NotFound();
        }
    }
}
