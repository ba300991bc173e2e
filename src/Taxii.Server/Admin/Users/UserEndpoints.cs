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
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(UserDto.Projection).SingleOrDefaultAsync(cancellationToken);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(user);
    }

    private static async Task<IResult> CreateAsync(
        CreateUserRequest body, ClaimsPrincipal caller, TaxiiDbContext db, PasswordHashing passwords, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Require("name", body.Name, 200)
            .MaxLength("email", body.Email, 320)
            .Check(body.Password is { Length: >= AdminCommand.MinimumPasswordLength and <= 1024 }, "password",
                $"password must be {AdminCommand.MinimumPasswordLength} to 1024 characters");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (body.IsAdmin && !IsAdmin(caller))
        {
            return TypedResults.Problem("Only an administrator may create an administrator.", statusCode: StatusCodes.Status403Forbidden);
        }

        var now = time.GetUtcNow();
        var user = new User { Name = body.Name.Trim(), Email = body.Email, IsActive = body.IsActive, IsAdmin = body.IsAdmin, CreatedAt = now, UpdatedAt = now };
        user.PasswordHash = passwords.Hash(user, body.Password);
        db.Users.Add(user);
        var saved = await AuditLog.SaveNewAsync(db, caller, time, () => $"users/{user.Id}", $"name={user.Name}; active={user.IsActive}; admin={user.IsAdmin}", cancellationToken);
        if (!saved)
        {
            return Conflicts.Problem($"A user named '{user.Name}' already exists.");
        }

        var dto = await db.Users.AsNoTracking().Where(u => u.Id == user.Id).Select(UserDto.Projection).SingleAsync(cancellationToken);
        return TypedResults.CreatedAtRoute(dto, "GetUser", new { id = user.Id });
    }

    private static async Task<IResult> UpdateAsync(
        int id, UpdateUserRequest body, ClaimsPrincipal caller, TaxiiDbContext db, PasswordHashing passwords,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        var validation = new Validation()
            .MaxLength("email", body.Email, 320)
            .Check(body.Password is null or { Length: >= AdminCommand.MinimumPasswordLength and <= 1024 }, "password",
                $"password must be {AdminCommand.MinimumPasswordLength} to 1024 characters");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if ((body.IsAdmin is { } admin && admin != user.IsAdmin || user.IsAdmin) && !IsAdmin(caller))
        {
            return TypedResults.Problem("Only an administrator may change an administrator or make one.", statusCode: StatusCodes.Status403Forbidden);
        }

        var changes = new List<string>();
        if (body.Email is not null)
        {
            user.Email = body.Email;
            changes.Add("email");
        }

        if (body.Password is not null)
        {
            user.PasswordHash = passwords.Hash(user, body.Password);
            changes.Add("password");
        }

        if (body.IsActive is { } active)
        {
            user.IsActive = active;
            changes.Add($"active={active}");
        }

        if (body.IsAdmin is { } isAdmin)
        {
            user.IsAdmin = isAdmin;
            changes.Add($"admin={isAdmin}");
        }

        user.UpdatedAt = time.GetUtcNow();
        AuditLog.Record(db, caller, time, "update", $"users/{id}", string.Join("; ", changes));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await db.Users.AsNoTracking().Where(u => u.Id == id).Select(UserDto.Projection).SingleAsync(cancellationToken));
    }

    private static async Task<IResult> DeleteAsync(
        int id, ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        if (Taxii.TaxiiCaller.From(caller).UserId == id)
        {
            return Conflicts.Problem("You cannot delete yourself.");
        }

        if (user.IsAdmin && !IsAdmin(caller))
        {
            return TypedResults.Problem("Only an administrator may delete an administrator.", statusCode: StatusCodes.Status403Forbidden);
        }

        db.Users.Remove(user);
        AuditLog.Record(db, caller, time, "delete", $"users/{id}", $"name={user.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static Task<IResult> AddRoleAsync(int id, int roleId, ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeRoleAsync(id, roleId, grant: true, caller, db, time, cancellationToken);

    private static Task<IResult> RemoveRoleAsync(int id, int roleId, ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeRoleAsync(id, roleId, grant: false, caller, db, time, cancellationToken);

    private static async Task<IResult> ChangeRoleAsync(
        int id, int roleId, bool grant, ClaimsPrincipal caller, TaxiiDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = await db.Users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        return await RoleGrants.ChangeAsync(user?.Roles, $"users/{id}", roleId, grant, caller, db, time, cancellationToken);
    }

    private static bool IsAdmin(ClaimsPrincipal caller) => caller.HasClaim(TaxiiClaims.Admin, "true");
}
