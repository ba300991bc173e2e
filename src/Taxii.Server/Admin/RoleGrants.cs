using System.Security.Claims;
using Taxii.Core.Security;
using Taxii.Server.Auth;

namespace Taxii.Server.Admin;

/// <summary>No one hands out more than they hold: granting a role needs every permission in it (administrators hold all).</summary>
internal static class RoleGrants
{
    public static bool MayGrant(ClaimsPrincipal caller, Role role) =>
        caller.HasClaim(TaxiiClaims.Admin, "true") || role.Permissions.All(p => caller.HasClaim(TaxiiClaims.Permission, p));

    public static IResult Forbidden() =>
        TypedResults.Problem("You may only grant roles whose permissions you hold yourself.", statusCode: StatusCodes.Status403Forbidden);
}
