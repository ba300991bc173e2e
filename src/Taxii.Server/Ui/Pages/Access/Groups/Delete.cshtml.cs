using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Groups;

namespace Taxii.Server.Ui.Pages.Access.Groups;

/// <summary>Asks before deleting a group (a form with the antiforgery token), then deletes it as the REST API does.</summary>
[Authorize(Policy = Permissions.ModifyUsers)]
internal sealed class DeleteModel(TaxiiDbContext db, GroupOperations operations) : PageModel
{
    public GroupDto Group { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await GroupOperations.FindAsync(db, id, cancellationToken) is not { } group)
        {
            return NotFound();
        }

        Group = group;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        await operations.DeleteAsync(id, User, cancellationToken) ? Redirect(UiSetup.Prefix + "/access/groups") : NotFound();
}
