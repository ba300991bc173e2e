using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin;
using Taxii.Server.Admin.Users;

namespace Taxii.Server.Ui.AccessView;

/// <summary>
/// The roles a user form offers, and the ticking and unticking of them as the REST API's grants and revocations
/// (<see cref="UserOperations.ChangeRoleAsync"/>, under <see cref="RoleGrants"/>' rule), one per changed role.
/// </summary>
internal sealed class UserRoles(TaxiiDbContext db, UserOperations operations)
{
    public Task<List<Role>> AllAsync(CancellationToken cancellationToken) =>
        db.Roles.AsNoTracking().OrderBy(r => r.Name).ThenBy(r => r.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// Whether <paramref name="caller"/> may grant every role in <paramref name="added"/>; checked before anything is
    /// saved, so a refused form changes nothing.
    /// </summary>
    public async Task<bool> MayGrantAllAsync(ClaimsPrincipal caller, IEnumerable<int> added, CancellationToken cancellationToken)
    {
        var ids = added.ToList();
        var roles = await db.Roles.AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(cancellationToken);
        return roles.All(r => RoleGrants.MayGrant(caller, r));
    }

    /// <summary>Grants the roles in <paramref name="wanted"/> the user lacks and revokes those it holds but are not wanted.</summary>
    public async Task<GrantOutcome> ApplyAsync(int userId, IReadOnlyCollection<int> held, IReadOnlyCollection<int> wanted, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        foreach (var (roleId, grant) in wanted.Except(held).Select(r => (r, true)).Concat(held.Except(wanted).Select(r => (r, false))))
        {
            var outcome = await operations.ChangeRoleAsync(userId, roleId, grant, caller, cancellationToken);
            if (outcome != GrantOutcome.Done)
            {
                return outcome;
            }
        }

        return GrantOutcome.Done;
    }
}
