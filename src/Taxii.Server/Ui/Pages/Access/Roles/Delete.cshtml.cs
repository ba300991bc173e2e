using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Roles;

namespace Taxii.Server.Ui.Pages.Access.Roles;

/// <summary>Asks before deleting a role (saying who holds it), then deletes it as the REST API does.</summary>
[Authorize(Policy = Permissions.ModifyUsers)]
internal sealed class DeleteModel(TaxiiDbContext db, RoleOperations operations) : PageModel
{
    public RoleDto Role { get; private set; } = null!;

    public int Users { get; private set; }

    public int Groups { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await RoleOperations.FindAsync(db, id, cancellationToken) is not { } role)
        {
            return NotFound();
        }

        Role = role;
        Users = await db.Users.CountAsync(u => u.Roles.Any(r => r.Id == id), cancellationToken);
        Groups = await db.Groups.CountAsync(g => g.Roles.Any(r => r.Id == id), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        await operations.DeleteAsync(id, User, cancellationToken) ? Redirect(UiSetup.Prefix + "/access/roles") : NotFound();
}
