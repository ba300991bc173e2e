using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Server.Admin;
using Taxii.Server.Admin.Roles;

namespace Taxii.Server.Ui.AccessView;

/// <summary>
/// The new and edit role pages' post through <see cref="RoleOperations"/>: the REST API's validation, its refusal of a
/// permission the caller lacks (<see cref="RoleGrants"/>), its conflict and audit entry.
/// </summary>
internal abstract class RoleFormPage(RoleOperations operations) : PageModel
{
    [BindProperty]
    public RoleForm Input { get; set; } = new();

    /// <summary>Creates (<paramref name="id"/> null) or updates the role; a redirect to the list, or the form with the refusal.</summary>
    protected async Task<IActionResult> SaveAsync(int? id, CancellationToken cancellationToken)
    {
        var change = id is { } existing
            ? await operations.UpdateAsync(existing, Input.ToRequest(), User, cancellationToken)
            : await operations.CreateAsync(Input.ToRequest(), User, cancellationToken);
        switch (change)
        {
            case { Value: not null }:
                return Redirect($"{UiSetup.Prefix}/access/roles");
            case { Invalid: { } validation }:
                ModelState.AddApiErrors(validation);
                return this.Unprocessable();
            case { Conflict: { } conflict }:
                return this.Refused(StatusCodes.Status409Conflict, "Input.Name", conflict);
            case { Forbidden: { } forbidden }:
                return this.Refused(StatusCodes.Status403Forbidden, "Input.Permissions", forbidden);
            default:
                return NotFound();
        }
    }
}
