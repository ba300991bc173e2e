using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Auth;

namespace Taxii.Server.Admin.Roles;

/// <summary><c>/api/v1/roles</c> and <c>/api/v1/permissions</c>. Permissions <c>read users</c> and <c>modify users</c>.</summary>
internal static class RoleEndpoints
{
    public static void MapRoles(this IEndpointRouteBuilder api)
    {
        api.MapGet("/permissions", () => TypedResults.Ok(Permissions.All)).WithTags("Roles").WithName("ListPermissions")
            .RequireAuthorization(Permissions.ReadUsers);
        var roles = api.MapGroup("/roles").WithTags("Roles");
        roles.MapGet("/", ListAsync).WithName("ListRoles").RequireAuthorization(Permissions.ReadUsers).Produces<Page<RoleDto>>();
        roles.MapGet("/{id:int}", GetAsync).WithName("GetRole").RequireAuthorization(Permissions.ReadUsers);
        roles.MapPost("/", CreateAsync).WithName("CreateRole").RequireAuthorization(Permissions.ModifyUsers).Produces<RoleDto>(StatusCodes.Status201Created);
        roles.MapPut("/{id:int}", UpdateAsync).WithName("UpdateRole").RequireAuthorization(Permissions.ModifyUsers).Produces<RoleDto>();
        roles.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteRole").RequireAuthorization(Permissions.ModifyUsers);
    }

    private static async Task<IResult> ListAsync(TaxiiDbContext db, int? after, int? limit, CancellationToken cancellationToken)
    {
        if (Paging.Check(limit) is { } errors)
        {
            return Validation.Problem(errors);
        }

        var fetched = await db.Roles.AsNoTracking().Where(r => r.Id > (after ?? 0)).OrderBy(r => r.Id)
            .Take(Paging.Limit(limit) + 1).Select(RoleDto.Projection).ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(fetched, Paging.Limit(limit), r => r.Id));
    }

    private static async Task<Results<Ok<RoleDto>, NotFound>> GetAsync(int id, TaxiiDbContext db, CancellationToken cancellationToken)
    {
        var role = await RoleOperations.FindAsync(db, id, cancellationToken);
        return role is null ? TypedResults.NotFound() : TypedResults.Ok(role);
    }

    private static async Task<IResult> CreateAsync(RoleRequest body, ClaimsPrincipal caller, RoleOperations operations, CancellationToken cancellationToken)
    {
        var change = await operations.CreateAsync(body, caller, cancellationToken);
        return change.Value is { } role ? TypedResults.CreatedAtRoute(role, "GetRole", new { id = role.Id }) : change.ToResult();
    }

    private static async Task<IResult> UpdateAsync(int id, RoleRequest body, ClaimsPrincipal caller, RoleOperations operations, CancellationToken cancellationToken) =>
        (await operations.UpdateAsync(id, body, caller, cancellationToken)).ToResult();

    private static async Task<IResult> DeleteAsync(int id, ClaimsPrincipal caller, RoleOperations operations, CancellationToken cancellationToken) =>
        await operations.DeleteAsync(id, caller, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}
