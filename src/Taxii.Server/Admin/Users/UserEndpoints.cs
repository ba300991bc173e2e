using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Auth;
using Taxii.Server.Hosting;

namespace Taxii.Server.Admin.Users;

/// <summary><c>/api/v1/users</c>: accounts, their roles. Permissions <c>read users</c> and <c>modify users</c>.</summary>
internal static class UserEndpoints
{
    public static void MapUsers(this IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");
        users.MapGet("/", ListAsync).WithName("ListUsers").RequireAuthorization(Permissions.ReadUsers).Produces<Page<UserDto>>();
        users.MapGet("/{id:int}", GetAsync).WithName("GetUser").RequireAuthorization(Permissions.ReadUsers);
        users.MapPost("/", CreateAsync).WithName("CreateUser").RequireAuthorization(Permissions.ModifyUsers);
        users.MapPatch("/{id:int}", UpdateAsync).WithName("UpdateUser").RequireAuthorization(Permissions.ModifyUsers);
        users.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteUser").RequireAuthorization(Permissions.ModifyUsers);
        users.MapPut("/{id:int}/roles/{roleId:int}", AddRoleAsync).WithName("GrantUserRole").RequireAuthorization(Permissions.ModifyUsers);
        users.MapDelete("/{id:int}/roles/{roleId:int}", RemoveRoleAsync).WithName("RevokeUserRole").RequireAuthorization(Permissions.ModifyUsers);
        users.MapCertificates();
    }

    private static async Task<IResult> ListAsync(
        TaxiiDbContext db, int? after, int? limit, string? name, bool? active, CancellationToken cancellationToken)
    {
        if (Paging.Check(limit) is { } errors)
        {
            return Validation.Problem(errors);
        }

        var query = db.Users.AsNoTracking().Where(u => u.Id > (after ?? 0));
        if (!string.IsNullOrEmpty(name))
        {
            query = query.Where(u => u.Name.Contains(name));
        }

        if (active is not null)
        {
            query = query.Where(u => u.IsActive == active);
        }

        var fetched = await query.OrderBy(u => u.Id).Take(Paging.Limit(limit) + 1).Select(UserDto.Projection).ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(fetched, Paging.Limit(limit), u => u.Id));
    }

    private static async Task<Results<Ok<UserDto>, NotFound>> GetAsync(int id, TaxiiDbContext db, CancellationToken cancellationToken)
    {
        var user = await UserOperations.FindAsync(db, id, cancellationToken);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(user);
    }

    private static async Task<IResult> CreateAsync(CreateUserRequest body, ClaimsPrincipal caller, UserOperations operations, CancellationToken cancellationToken)
    {
        var change = await operations.CreateAsync(body, caller, cancellationToken);
        return change.User is { } user ? TypedResults.CreatedAtRoute(user, "GetUser", new { id = user.Id }) : change.ToResult();
    }

    private static async Task<IResult> UpdateAsync(
        int id, UpdateUserRequest body, ClaimsPrincipal caller, UserOperations operations, CancellationToken cancellationToken) =>
        (await operations.UpdateAsync(id, body, caller, cancellationToken)).ToResult();

    private static async Task<IResult> DeleteAsync(int id, ClaimsPrincipal caller, UserOperations operations, CancellationToken cancellationToken) =>
        (await operations.DeleteAsync(id, caller, cancellationToken)).ToResult();

    private static Task<IResult> AddRoleAsync(int id, int roleId, ClaimsPrincipal caller, UserOperations operations, CancellationToken cancellationToken) =>
        ChangeRoleAsync(id, roleId, grant: true, caller, operations, cancellationToken);

    private static Task<IResult> RemoveRoleAsync(int id, int roleId, ClaimsPrincipal caller, UserOperations operations, CancellationToken cancellationToken) =>
        ChangeRoleAsync(id, roleId, grant: false, caller, operations, cancellationToken);

    private static async Task<IResult> ChangeRoleAsync(
        int id, int roleId, bool grant, ClaimsPrincipal caller, UserOperations operations, CancellationToken cancellationToken) =>
        await operations.ChangeRoleAsync(id, roleId, grant, caller, cancellationToken) switch
        {
            GrantOutcome.Done => TypedResults.NoContent(),
            GrantOutcome.Forbidden => RoleGrants.Forbidden(),
            _ => TypedResults.NotFound(),
        };
}
