using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Auth;

namespace Taxii.Server.Admin;

/// <summary>No one hands out more than they hold: granting a role needs every permission in it (administrators hold all).</summary>
internal static class RoleGrants
{
    public static bool MayGrant(ClaimsPrincipal caller, Role role) =>
        caller.HasClaim(TaxiiClaims.Admin, "true") || role.Permissions.All(p => caller.HasClaim(TaxiiClaims.Permission, p));

    /// <summary>
    /// Grants or revokes a role on its holder (a user's or a group's role list; null when the holder does not exist)
    /// and audits it, answered as HTTP. Permissions are read on every request, so the change applies at once.
    /// </summary>
    public static async Task<IResult> ChangeAsync(
        List<Role>? holderRoles, string holder, int roleId, bool grant,
        ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        await TryChangeAsync(holderRoles, holder, roleId, grant, caller, db, time, cancellationToken) switch
        {
            GrantOutcome.Done => TypedResults.NoContent(),
            GrantOutcome.Forbidden => Forbidden(),
            _ => TypedResults.NotFound(),
        };

    /// <summary>The same change as <see cref="ChangeAsync"/> (the REST API's), as an outcome for the web UI.</summary>
    public static async Task<GrantOutcome> TryChangeAsync(
        List<Role>? holderRoles, string holder, int roleId, bool grant,
        ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Id == roleId, cancellationToken);
        if (holderRoles is null || role is null)
        {
            return GrantOutcome.NotFound;
        }

        if (grant && !MayGrant(caller, role))
        {
            return GrantOutcome.Forbidden;
        }

        var has = holderRoles.Any(r => r.Id == roleId);
        if (grant && !has)
        {
            holderRoles.Add(role);
        }
        else if (!grant && has)
        {
            holderRoles.RemoveAll(r => r.Id == roleId);
        }

        AuditLog.Record(db, caller, time, grant ? "grant" : "revoke", $"{holder}/roles/{roleId}", $"role={role.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return GrantOutcome.Done;
    }

    public const string ForbiddenMessage = "You may only grant roles whose permissions you hold yourself.";

    public static IResult Forbidden() =>
        TypedResults.Problem(ForbiddenMessage, statusCode: StatusCodes.Status403Forbidden);
}
