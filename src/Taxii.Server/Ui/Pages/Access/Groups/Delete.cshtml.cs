using Microsoft.AspNetCore.Authorization;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Groups;

namespace Taxii.Server.Ui.Pages.Access.Groups;

/// <summary>Asks before deleting a group (a form with the antiforgery token), then deletes it as the REST API does.</summary>
[Authorize(Policy = Permissions.ModifyUsers)]
internal sealed class DeleteModel(TaxiiDbContext db, GroupOperations operations) : DeletePage<GroupDto>("/access/groups")
{
    protected override Task<GroupDto?> FindAsync(int id, CancellationToken cancellationToken) => GroupOperations.FindAsync(db, id, cancellationToken);

    protected override Task<bool> DeleteAsync(int id, CancellationToken cancellationToken) => operations.DeleteAsync(id, User, cancellationToken);
}
