using Microsoft.AspNetCore.Authorization;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin.Users;

namespace Taxii.Server.Ui.Pages.Access.Users;

/// <summary>
/// Asks before deleting a user, then deletes it through <see cref="UserOperations.DeleteAsync"/>: what the REST API
/// refuses (yourself: 409; an administrator, unless you are one: 403) the page refuses with the same status and message.
/// </summary>
[Authorize(Policy = Permissions.ModifyUsers)]
internal sealed class DeleteModel(TaxiiDbContext db, UserOperations operations) : DeletePage<UserDto>("/access/users")
{
    protected override Task<UserDto?> FindAsync(int id, CancellationToken cancellationToken) => UserOperations.FindAsync(db, id, cancellationToken);

    protected override async Task<bool> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        switch (await operations.DeleteAsync(id, User, cancellationToken))
        {
            case { Conflict: { } conflict }:
                Refuse(StatusCodes.Status409Conflict, conflict);
                return false;
            case { Forbidden: { } forbidden }:
                Refuse(StatusCodes.Status403Forbidden, forbidden);
                return false;
            case var deletion:
                return deletion.Found;
        }
    }
}
