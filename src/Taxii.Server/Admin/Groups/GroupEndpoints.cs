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
        var group = await Find(db, id, cancellationToken);
        return group is null ? TypedResults.NotFound() : TypedResults.Ok(group);
    }

    private static async Task<IResult> CreateAsync(GroupRequest body, ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = Validate(body);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var group = new Group { Name = body.Name.Trim(), Description = body.Description, CreatedAt = time.GetUtcNow() };
        db.Groups.Add(group);
        if (!await AuditLog.SaveNewAsync(db, caller, time, () => $"groups/{group.Id}", $"name={group.Name}", cancellationToken))
        {
            return Conflicts.Problem($"A group named '{group.Name}' already exists.");
        }

        return TypedResults.CreatedAtRoute(await Find(db, group.Id, cancellationToken), "GetGroup", new { id = group.Id });
    }

    private static async Task<IResult> UpdateAsync(int id, GroupRequest body, ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var group = await db.Groups.SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null)
        {
            return TypedResults.NotFound();
        }

        var validation = Validate(body);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        group.Name = body.Name.Trim();
        group.Description = body.Description;
        if (!await AuditLog.SaveChangeAsync(db, caller, time, "update", $"groups/{id}", $"name={group.Name}", cancellationToken))
        {
            return Conflicts.Problem($"A group named '{group.Name}' already exists.");
        }

        return TypedResults.Ok(await Find(db, id, cancellationToken));
    }

    private static async Task<IResult> DeleteAsync(int id, ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var group = await db.Groups.SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null)
        {
            return TypedResults.NotFound();
        }

        db.Groups.Remove(group);
        AuditLog.Record(db, caller, time, "delete", $"groups/{id}", $"name={group.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> AddMemberAsync(int id, int userId, ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var group = await db.Groups.Include(g => g.Roles).SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (group is null || user is null)
        {
            return TypedResults.NotFound();
        }

        // joining a group hands out its roles: the same rule as granting them
        if (group.Roles.Any(r => !RoleGrants.MayGrant(caller, r)))
        {
            return RoleGrants.Forbidden();
        }

        if (!await db.GroupMemberships.AnyAsync(m => m.GroupId == id && m.UserId == userId, cancellationToken))
        {
            db.GroupMemberships.Add(new GroupMembership { GroupId = id, UserId = userId });
            AuditLog.Record(db, caller, time, "add", $"groups/{id}/members/{userId}", $"user={user.Name}");
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.NoContent();
    }

    private static async Task<IResult> RemoveMemberAsync(int id, int userId, ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var membership = await db.GroupMemberships.Include(m => m.User).SingleOrDefaultAsync(m => m.GroupId == id && m.UserId == userId, cancellationToken);
        if (membership is null)
        {
            return TypedResults.NotFound();
        }

        db.GroupMemberships.Remove(membership);
        AuditLog.Record(db, caller, time, "remove", $"groups/{id}/members/{userId}", $"user={membership.User!.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static Task<IResult> AddRoleAsync(int id, int roleId, ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeRoleAsync(id, roleId, grant: true, caller, db, time, cancellationToken);

    private static Task<IResult> RemoveRoleAsync(int id, int roleId, ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeRoleAsync(id, roleId, grant: false, caller, db, time, cancellationToken);

    private static async Task<IResult> ChangeRoleAsync(int id, int roleId, bool grant, ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var group = await db.Groups.Include(g => g.Roles).SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        return await RoleGrants.ChangeAsync(group?.Roles, $"groups/{id}", roleId, grant, caller, db, time, cancellationToken);
    }

    private static Validation Validate(GroupRequest body) =>
        new Validation().Require("name", body.Name, 200).MaxLength("description", body.Description, 4000);

    private static Task<GroupDto?> Find(TaxiiDbContext db, int id, CancellationToken cancellationToken) =>
        db.Groups.AsNoTracking().Where(g => g.Id == id).Select(GroupDto.Projection).SingleOrDefaultAsync(cancellationToken);
}
