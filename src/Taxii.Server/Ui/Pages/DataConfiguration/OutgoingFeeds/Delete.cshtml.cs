using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.OutgoingFeeds;

namespace Taxii.Server.Ui.Pages.DataConfiguration.OutgoingFeeds;

/// <summary>Asks before deleting an outgoing feed, then deletes it as the REST API does (audit entry, schedule removed).</summary>
[Authorize(Policy = Permissions.ModifyOutgoingFeeds)]
internal sealed class DeleteModel(TaxiiDbContext db, OutgoingFeedOperations operations) : PageModel
{
    public OutgoingFeedDto Feed { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await OutgoingFeedOperations.FindAsync(db, User, id, cancellationToken) is not { } feed)
        {
            return NotFound();
        }

        Feed = feed;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        await operations.DeleteAsync(id, User, cancellationToken) ? Redirect(UiSetup.Prefix + "/data/outgoing-feeds") : NotFound();
}
