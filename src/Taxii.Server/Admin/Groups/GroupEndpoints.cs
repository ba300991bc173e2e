using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Auth;

namespace Taxii.Server.Admin.Groups;

/// <summary><c>/api/v1/groups</c>: groups, their members and roles. Permissions <c>read users</c> and <c>modify users</c>.</summary>
internal static class GroupEndpoints
{
    public static void MapGroups(this IEndpointRouteBuilder api)
    {
        var groups = api.MapGroup("/groups").WithTags("Groups");
        groups.MapGet("/", ListAsync).WithName("ListGroups").RequireAuthorization(Permissions.ReadUsers).Produces<Page<GroupDto>>();
        groups.MapGet("/{id:int}", GetAsync).WithName("GetGroup").RequireAuthorization(Permissions.ReadUsers);
        groups.MapPost("/", CreateAsync).WithName("CreateGroup").RequireAuthorization(Permissions.ModifyUsers).Produces<GroupDto>(StatusCodes.Status201Created);
        groups.MapPut("/{id:int}", UpdateAsync).WithName("UpdateGroup").RequireAuthorization(Permissions.ModifyUsers).Produces<GroupDto>();
        groups.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteGroup").RequireAuthorization(Permissions.ModifyUsers);
        groups.MapPut("/{id:int}/members/{userId:int}", AddMemberAsync).WithName("AddGroupMember").RequireAuthorization(Permissions.ModifyUsers);
        groups.MapDelete("/{id:int}/members/{userId:int}", RemoveMemberAsync).WithName("RemoveGroupMember").RequireAuthorization(Permissions.ModifyUsers);
        groups.MapPut("/{id:int}/roles/{roleId:int}", AddRoleAsync).WithName("GrantGroupRole").RequireAuthorization(Permissions.ModifyUsers);
        groups.MapDelete("/{id:int}/roles/{roleId:int}", RemoveRoleAsync).WithName("RevokeGroupRole").RequireAuthorization(Permissions.ModifyUsers);
    }

    private static async Task<IResult> ListAsync(TaxiiDbContext db, int? after, int? limit, string? name, CancellationToken cancellationToken)
    {
        if (Paging.Check(limit) is { } errors)
        {
            return Validation.Problem(errors);
        }

        var query = db.Groups.AsNoTracking().Where(g => g.Id > (after ?? 0));
        if (!string.IsNullOrEmpty(name))
        {
            query = query.Where(g => g.Name.Contains(name));
        }

        var fetched = await query.OrderBy(g => g.Id).Take(Paging.Limit(limit) + 1).Select(GroupDto.Projection).ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage(fetched, Paging.Limit(limit), g => g.Id));
    }

    private static async Task<Results<Ok<GroupDto>, NotFound>> GetAsync(int id, TaxiiDbContext db, CancellationToken cancellationToken)
    {
        var group = await GroupOperations.FindAsync(db, id, cancellationToken);
        return group is null ? TypedResults.NotFound() : TypedResults.Ok(group);
    }

    private static async Task<IResult> CreateAsync(GroupRequest body, ClaimsPrincipal caller, GroupOperations operations, CancellationToken cancellationToken)
    {
        var change = await operations.CreateAsync(body, caller, cancellationToken);
        return change.Value is { } group ? TypedResults.CreatedAtRoute(group, "GetGroup", new { id = group.Id }) : change.ToResult();
    }

    private static async Task<IResult> UpdateAsync(int id, GroupRequest body, ClaimsPrincipal caller, GroupOperations operations, CancellationToken cancellationToken) =>
        (await operations.UpdateAsync(id, body, caller, cancellationToken)).ToResult();

    private static async Task<IResult> DeleteAsync(int id, ClaimsPrincipal caller, GroupOperations operations, CancellationToken cancellationToken) =>
        await operations.DeleteAsync(id, caller, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<IResult> AddMemberAsync(int id, int userId, ClaimsPrincipal caller, GroupOperations operations, CancellationToken cancellationToken) =>
        ToResult(await operations.AddMemberAsync(id, userId, caller, cancellationToken));

    private static async Task<IResult> RemoveMemberAsync(int id, int userId, ClaimsPrincipal caller, GroupOperations operations, CancellationToken cancellationToken) =>
        ToResult(await operations.RemoveMemberAsync(id, userId, caller, cancellationToken));

    private static async Task<IResult> AddRoleAsync(int id, int roleId, ClaimsPrincipal caller, GroupOperations operations, CancellationToken cancellationToken) =>
        ToResult(await operations.ChangeRoleAsync(id, roleId, grant: true, caller, cancellationToken));

    private static async Task<IResult> RemoveRoleAsync(int id, int roleId, ClaimsPrincipal caller, GroupOperations operations, CancellationToken cancellationToken) =>
        ToResult(await operations.ChangeRoleAsync(id, roleId, grant: false, caller, cancellationToken));

    private static IResult ToResult(GrantOutcome outcome) => outcome switch
    {
        GrantOutcome.Done => TypedResults.NoContent(),
        GrantOutcome.Forbidden => RoleGrants.Forbidden(),
        _ => TypedResults.NotFound(),
    };
}
