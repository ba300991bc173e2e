using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Services;

namespace Taxii.Server.Ui.Pages.Settings.Services;

/// <summary>Asks before deleting a service (a form with the antiforgery token), then deletes it as the REST API does.</summary>
[Authorize(Policy = Permissions.ModifyTaxiiServices)]
internal sealed class DeleteModel(TaxiiDbContext db, ServiceOperations operations) : PageModel
{
    public ServiceDto Service { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await ServiceOperations.FindAsync(db, id, cancellationToken) is not { } service)
        {
            return NotFound();
        }

        Service = service;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        await operations.DeleteAsync(id, User, cancellationToken) ? Redirect(UiSetup.Prefix + "/settings/taxii") : NotFound();
}
