using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Roles;
using Taxii.Server.Ui.AccessView;

namespace Taxii.Server.Ui.Pages.Access.Roles;

/// <summary>Edits a role's name, description and permissions through <see cref="RoleOperations"/>.</summary>
[Authorize(Policy = Permissions.ModifyUsers)]
internal sealed class EditModel(TaxiiDbContext db, RoleOperations operations) : RoleFormPage(operations)
{
    public RoleDto Current { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await RoleOperations.FindAsync(db, id, cancellationToken) is not { } role)
        {
            return NotFound();
        }

        (Current, Input) = (role, RoleForm.From(role));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await RoleOperations.FindAsync(db, id, cancellationToken) is not { } role)
        {
            return NotFound();
        }

        Current = role;
        return await SaveAsync(id, cancellationToken);
    }
}
