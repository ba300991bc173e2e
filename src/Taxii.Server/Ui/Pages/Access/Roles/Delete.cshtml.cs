using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Roles;

namespace Taxii.Server.Ui.Pages.Access.Roles;

/// <summary>Asks before deleting a role (saying who holds it), then deletes it as the REST API does.</summary>
[Authorize(Policy = Permissions.ModifyUsers)]
internal sealed class DeleteModel(TaxiiDbContext db, RoleOperations operations) : DeletePage<RoleDto>("/access/roles")
{
    public int Users { get; private set; }

    public int Groups { get; private set; }

    protected override Task<RoleDto?> FindAsync(int id, CancellationToken cancellationToken) => RoleOperations.FindAsync(db, id, cancellationToken);

    protected override Task<bool> DeleteAsync(int id, CancellationToken cancellationToken) => operations.DeleteAsync(id, User, cancellationToken);

    protected override async Task LoadDetailsAsync(int id, CancellationToken cancellationToken)
    {
        Users = await db.Users.CountAsync(u => u.Roles.Any(r => r.Id == id), cancellationToken);
        Groups = await db.Groups.CountAsync(g => g.Roles.Any(r => r.Id == id), cancellationToken);
    }
}
