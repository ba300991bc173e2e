using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.OutgoingFeeds;

namespace Taxii.Server.Ui.Pages.DataConfiguration.OutgoingFeeds;

/// <summary>
/// A kept package of a run, streamed from PostgreSQL by the REST download's own code. The REST address does not take
/// the UI's cookie (it is honoured only under <c>/ui</c>), so the UI serves the same bytes here, to readers of the feed.
/// </summary>
[Authorize(Policy = Permissions.ReadOutgoingFeeds)]
internal sealed class PackageModel(TaxiiDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, long runId, int sequence, CancellationToken cancellationToken)
    {
        var run = OutgoingFeedOperations.Runs(db, User, id).Where(r => r.Id == runId);
        if (await OutgoingFeedOperations.FindPackageAsync(db, run, sequence, cancellationToken) is not { } package)
        {
            return NotFound();
        }

        Response.ContentType = package.MediaType;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(package.FileName);
        Response.Headers.ContentDisposition = disposition.ToString();
        await OutgoingFeedOperations.CopyPackageAsync(db.Database.GetConnectionString(), package, Response.Body, cancellationToken);
        return new EmptyResult();
    }
}
