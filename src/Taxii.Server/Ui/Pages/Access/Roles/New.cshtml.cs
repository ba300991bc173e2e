using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Taxii.Core.Security;
using Taxii.Server.Admin.Roles;
using Taxii.Server.Ui.AccessView;

namespace Taxii.Server.Ui.Pages.Access.Roles;

/// <summary>Creates a role through <see cref="RoleOperations"/>.</summary>
[Authorize(Policy = Permissions.ModifyUsers)]
internal sealed class NewModel(RoleOperations operations) : RoleFormPage(operations)
{
    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) => SaveAsync(null, cancellationToken);
}
