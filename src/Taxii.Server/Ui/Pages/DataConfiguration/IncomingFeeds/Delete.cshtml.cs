using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.IncomingFeeds;

namespace Taxii.Server.Ui.Pages.DataConfiguration.IncomingFeeds;

/// <summary>
/// Asks before deleting an incoming feed, then deletes it through <see cref="IncomingFeedOperations.DeleteAsync"/>, the
/// code behind <c>DELETE /api/v1/incoming-feeds/{id}</c> (audit entry, schedule removed).
/// </summary>
[Authorize(Policy = Permissions.ModifyIncomingFeeds)]
internal sealed class DeleteModel(TaxiiDbContext db, IncomingFeedOperations operations) : PageModel
{
    public IncomingFeedDto Feed { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await IncomingFeedEndpoints.FindAsync(db, User, id, cancellationToken) is not { } feed)
        {
            return NotFound();
        }

        Feed = feed;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        await operations.DeleteAsync(id, User, cancellationToken) ? Redirect(UiSetup.Prefix + "/data/incoming-feeds") : NotFound();
}
