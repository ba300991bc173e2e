using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Groups;
using Taxii.Server.Ui.AccessView;

namespace Taxii.Server.Ui.Pages.Access.Groups;

/// <summary>Edits a group (name, description), its roles and members through <see cref="GroupOperations"/>.</summary>
[Authorize(Policy = Permissions.ModifyUsers)]
internal sealed class EditModel(TaxiiDbContext db, GroupOperations operations, GroupChanges changes, UserRoles roles) : GroupFormPage(operations, changes, roles)
{
    public int Id { get; private set; }

    public string CurrentName { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await GroupOperations.FindAsync(db, id, cancellationToken) is not { } group)
        {
            return NotFound();
        }

        (Id, CurrentName, Input) = (group.Id, group.Name, GroupForm.From(group));
        await ShowAsync(group, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await GroupOperations.FindAsync(db, id, cancellationToken) is not { } group)
        {
            return NotFound();
        }

        (Id, CurrentName) = (group.Id, group.Name);
        return await SaveAsync(group, cancellationToken);
    }
}
