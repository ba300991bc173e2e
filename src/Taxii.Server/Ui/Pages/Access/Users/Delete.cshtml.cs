using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Users;

namespace Taxii.Server.Ui.Pages.Access.Users;

/// <summary>
/// Asks before deleting a user, then deletes it through <see cref="UserOperations.DeleteAsync"/>: what the REST API
/// refuses (yourself: 409; an administrator, unless you are one: 403) the page refuses with the same status and message.
/// </summary>
[Authorize(Policy = Permissions.ModifyUsers)]
internal sealed class DeleteModel(TaxiiDbContext db, UserOperations operations) : PageModel
{
    public UserDto Target { get; private set; } = null!;

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await UserOperations.FindAsync(db, id, cancellationToken) is not { } user)
        {
            return NotFound();
        }

        Target = user;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await UserOperations.FindAsync(db, id, cancellationToken) is not { } user)
        {
            return NotFound();
        }

        Target = user;
        switch (await operations.DeleteAsync(id, User, cancellationToken))
        {
            case { Conflict: { } conflict }:
                (Refusal, Response.StatusCode) = (conflict, StatusCodes.Status409Conflict);
                return Page();
            case { Forbidden: { } forbidden }:
                (Refusal, Response.StatusCode) = (forbidden, StatusCodes.Status403Forbidden);
                return Page();
            case { Found: true }:
                return Redirect(UiSetup.Prefix + "/access/users");
            default:
                return NotFound();
        }
    }
}
