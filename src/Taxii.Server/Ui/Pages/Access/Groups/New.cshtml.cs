using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Taxii.Core.Security;
using Taxii.Server.Admin.Groups;
using Taxii.Server.Ui.AccessView;

namespace Taxii.Server.Ui.Pages.Access.Groups;

/// <summary>Creates a group with its roles and members through <see cref="GroupOperations"/>.</summary>
[Authorize(Policy = Permissions.ModifyUsers)]
internal sealed class NewModel(GroupOperations operations, GroupChanges changes, UserRoles roles) : GroupFormPage(operations, changes, roles)
{
    public Task OnGetAsync(CancellationToken cancellationToken) => ShowAsync(null, cancellationToken);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) => SaveAsync(null, cancellationToken);
}
