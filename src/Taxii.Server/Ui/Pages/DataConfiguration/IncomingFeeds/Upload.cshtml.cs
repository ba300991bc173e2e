using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
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
/// Razor Pages would check the antiforgery token before the handler, reading the whole form under Kestrel's default
/// body limit, and turn a too-large body into a 400. So the token is checked here, after the upload's own body limit
/// is set; and the handler binds nothing, so no model binding reads the form first either.
/// </remarks>
[Authorize(Policy = Permissions.ModifyIncomingFeeds)]
[IgnoreAntiforgeryToken]
internal sealed class UploadModel(TaxiiDbContext db, IncomingFeedUploadOperations uploads, IAntiforgery antiforgery) : PageModel
{
    public IncomingFeedDto Feed { get; private set; } = null!;

    public UploadForm Form { get; private set; } = null!;

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
        if (!int.TryParse(RouteData.Values["id"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || await IncomingFeedEndpoints.FindAsync(db, User, id, cancellationToken) is not { } feed)
        {
            return NotFound();
        }

        Feed = feed;
        Form = new UploadForm(id, uploads.UploadLimit);
        if (UploadedPackage.LimitBody(HttpContext, uploads.UploadLimit) is { } tooLarge)
        {
            return Refused(tooLarge);
        }

        try
        {
            if (!await antiforgery.IsRequestValidAsync(HttpContext))
            {
                return BadRequest();
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refused(UploadRefusal.TooLarge(uploads.UploadLimit));
        }

        var contentType = Request.Form["contentType"].ToString();
        Form = Form with { ContentType = contentType };
        if (Request.Form.Files.GetFile("file") is null)
        {
            return Refused(new UploadRefusal(StatusCodes.Status422UnprocessableEntity, "file", "Choose a file to upload."));
        }

        var outcome = await uploads.UploadAsync(id, HttpContext, string.IsNullOrEmpty(contentType) ? null : contentType, User, cancellationToken);
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

    private PageResult Refused(UploadRefusal refusal)
    {
        Form = refusal.Field == "contentType" ? Form with { ContentTypeError = refusal.Message } : Form with { FileError = refusal.Message };
        Response.StatusCode = refusal.Status;
        return Page();
    }
}
