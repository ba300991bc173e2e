using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Users;
using Taxii.Server.Ui.AccessView;

namespace Taxii.Server.Ui.Pages.Access.Users;

/// <summary>
/// Edits a user (email, active, administrator, a new password) through <see cref="UserOperations"/>, then its roles and
/// groups: the REST API's checks, messages and audit entries, role by role and group by group.
/// </summary>
[Authorize(Policy = Permissions.ModifyUsers)]
internal sealed class EditModel(TaxiiDbContext db, UserOperations operations, UserRoles roles, GroupChanges groups) : UserFormPage(roles, groups)
{
    public int Id { get; private set; }

    public string CurrentName { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await UserOperations.FindAsync(db, id, cancellationToken) is not { } user)
        {
            return NotFound();
        }

        Input = UserForm.From(user);
        (Id, CurrentName) = (id, user.Name);
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await UserOperations.FindAsync(db, id, cancellationToken) is not { } user)
        {
            return NotFound();
        }

        (Id, CurrentName) = (id, user.Name);
        await LoadChoicesAsync(cancellationToken);
        if (await RefuseGrantsAsync(user, cancellationToken) is { } refused)
        {
            return refused;
        }

        var change = await operations.UpdateAsync(id, Input.ToUpdateRequest(user), User, cancellationToken);
        return await CompleteAsync(change, user, _ => $"{UiSetup.Prefix}/access/users", cancellationToken);
    }
}
