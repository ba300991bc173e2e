using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Collections;

namespace Taxii.Server.Ui.Pages.Settings.Collections;

/// <summary>
/// Asks before deleting a collection the user may see (a form with the antiforgery token), then deletes it through
/// <see cref="CollectionOperations.DeleteAsync"/>, as <c>DELETE /api/v1/collections/{id}</c> does (audit entry,
/// service directory's cache dropped).
/// </summary>
[Authorize(Policy = Permissions.ModifyTaxiiServices)]
internal sealed class DeleteModel(TaxiiDbContext db, CollectionOperations operations) : PageModel
{
    public CollectionDto Collection { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await CollectionOperations.FindAsync(db, User, id, cancellationToken) is not { } collection)
        {
            return NotFound();
        }

        Collection = collection;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        await operations.DeleteAsync(id, User, cancellationToken) ? Redirect(UiSetup.Prefix + "/settings/collections") : NotFound();
}
