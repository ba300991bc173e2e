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
                AccessForms.AddErrors(ModelState, validation);
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return Page();
            case { Conflict: { } conflict }:
                ModelState.AddModelError("Input.Name", conflict);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case { Forbidden: { } forbidden }:
                ModelState.AddModelError("Input.Permissions", forbidden);
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return Page();
            default:
                return NotFound();
        }
    }
}
