using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Taxii.Core.Security;
using Taxii.Server.Admin.Users;
using Taxii.Server.Ui.AccessView;

namespace Taxii.Server.Ui.Pages.Access.Users;

/// <summary>
/// Creates a user through <see cref="UserOperations"/>, then grants its roles and adds it to its groups as the edit page
/// does: the REST API's checks, messages and audit entries.
/// </summary>
[Authorize(Policy = Permissions.ModifyUsers)]
internal sealed class NewModel(UserOperations operations, UserRoles roles, GroupChanges groups) : UserFormPage(roles, groups)
{
    public Task OnGetAsync(CancellationToken cancellationToken) => LoadChoicesAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(cancellationToken);
        if (await RefuseGrantsAsync(null, cancellationToken) is { } refused)
        {
            return refused;
        }

        var change = await operations.CreateAsync(Input.ToCreateRequest(), User, cancellationToken);
        return await CompleteAsync(change, null, id => $"{UiSetup.Prefix}/access/users/{id}/edit", cancellationToken);
    }
}
