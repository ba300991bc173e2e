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
        var role = await db.Roles.AsNoTracking().Where(r => r.Id == id).Select(RoleDto.Projection).SingleOrDefaultAsync(cancellationToken);
        return role is null ? TypedResults.NotFound() : TypedResults.Ok(role);
    }

    private static async Task<IResult> CreateAsync(RoleRequest body, ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = Validate(body);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var role = new Role { Name = body.Name.Trim(), Description = body.Description, Permissions = [.. (body.Permissions ?? []).Distinct()] };
        if (!RoleGrants.MayGrant(caller, role))
        {
            return RoleGrants.Forbidden();
        }

        db.Roles.Add(role);
        if (!await AuditLog.SaveNewAsync(db, caller, time, () => $"roles/{role.Id}", $"name={role.Name}; permissions={string.Join(", ", role.Permissions)}", cancellationToken))
        {
            return Conflicts.Problem($"A role named '{role.Name}' already exists.");
        }

        return TypedResults.CreatedAtRoute(new RoleDto(role.Id, role.Name, role.Description, role.Permissions), "GetRole", new { id = role.Id });
    }

    private static async Task<IResult> UpdateAsync(int id, RoleRequest body, ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (role is null)
        {
            return TypedResults.NotFound();
        }

        var validation = Validate(body);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        role.Name = body.Name.Trim();
        role.Description = body.Description;
        role.Permissions = [.. (body.Permissions ?? []).Distinct()];
        if (!RoleGrants.MayGrant(caller, role))
        {
            return RoleGrants.Forbidden();
        }

        if (!await AuditLog.SaveChangeAsync(db, caller, time, "update", $"roles/{id}", $"name={role.Name}; permissions={string.Join(", ", role.Permissions)}", cancellationToken))
        {
            return Conflicts.Problem($"A role named '{role.Name}' already exists.");
        }

        return TypedResults.Ok(new RoleDto(role.Id, role.Name, role.Description, role.Permissions));
    }

    private static async Task<IResult> DeleteAsync(int id, ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (role is null)
        {
            return TypedResults.NotFound();
        }

        db.Roles.Remove(role);
        AuditLog.Record(db, caller, time, "delete", $"roles/{id}", $"name={role.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static Validation Validate(RoleRequest body)
    {
        var validation = new Validation().Require("name", body.Name, 200).MaxLength("description", body.Description, 4000);
        foreach (var unknown in (body.Permissions ?? []).Where(p => !Permissions.All.Contains(p)))
        {
            validation.Add("permissions", $"'{unknown}' is not a permission; see GET /api/v1/permissions");
        }

        return validation;
    }
}
