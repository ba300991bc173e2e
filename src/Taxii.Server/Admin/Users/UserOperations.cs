using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Auth;
using Taxii.Server.Hosting;

namespace Taxii.Server.Admin.Users;

/// <summary>
/// Creating and changing users and their roles: the rules behind both <c>/api/v1/users</c> and the web UI's users pages,
/// so both refuse the same requests (only an administrator makes or changes an administrator; no one grants a role
/// holding a permission they lack, see <see cref="RoleGrants"/>) with the same messages and audit entries.
/// </summary>
internal sealed class UserOperations(TaxiiDbContext db, PasswordHashing passwords, TimeProvider time)
{
    public static Task<UserDto?> FindAsync(TaxiiDbContext db, int id, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == id).Select(UserDto.Projection).SingleOrDefaultAsync(cancellationToken);

    public async Task<UserChange> CreateAsync(CreateUserRequest body, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Require("name", body.Name, 200)
            .MaxLength("email", body.Email, 320)
            .Check(body.Password is { Length: >= AdminCommand.MinimumPasswordLength and <= 1024 }, "password",
                $"password must be {AdminCommand.MinimumPasswordLength} to 1024 characters");
        if (!validation.IsValid)
        {
            return new UserChange(null, validation, null, null);
        }

        if (body.IsAdmin && !IsAdmin(caller))
        {
            return UserChange.Refused("Only an administrator may create an administrator.");
        }

        var now = time.GetUtcNow();
        var user = new User { Name = body.Name.Trim(), Email = body.Email, IsActive = body.IsActive, IsAdmin = body.IsAdmin, CreatedAt = now, UpdatedAt = now };
        user.PasswordHash = passwords.Hash(user, body.Password);
        db.Users.Add(user);
        var saved = await AuditLog.SaveNewAsync(db, caller, time, () => $"users/{user.Id}", $"name={user.Name}; active={user.IsActive}; admin={user.IsAdmin}", cancellationToken);
        return saved
            ? new UserChange(await FindAsync(db, user.Id, cancellationToken), null, null, null)
            : new UserChange(null, null, $"A user named '{user.Name}' already exists.", null);
    }

    public async Task<UserChange> UpdateAsync(int id, UpdateUserRequest body, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return UserChange.NotFound;
        }

        var validation = new Validation()
            .MaxLength("email", body.Email, 320)
            .Check(body.Password is null or { Length: >= AdminCommand.MinimumPasswordLength and <= 1024 }, "password",
                $"password must be {AdminCommand.MinimumPasswordLength} to 1024 characters");
        if (!validation.IsValid)
        {
            return new UserChange(null, validation, null, null);
        }

        if ((body.IsAdmin is { } admin && admin != user.IsAdmin || user.IsAdmin) && !IsAdmin(caller))
        {
            return UserChange.Refused("Only an administrator may change an administrator or make one.");
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
        return new UserChange(await FindAsync(db, id, cancellationToken), null, null, null);
    }

    /// <summary>Deletes a user: not yourself, and an administrator only by an administrator.</summary>
    public async Task<UserDeletion> DeleteAsync(int id, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return UserDeletion.NotFound;
        }

        if (Taxii.TaxiiCaller.From(caller).UserId == id)
        {
            return new UserDeletion(true, "You cannot delete yourself.", null);
        }

        if (user.IsAdmin && !IsAdmin(caller))
        {
            return new UserDeletion(true, null, "Only an administrator may delete an administrator.");
        }

        db.Users.Remove(user);
        AuditLog.Record(db, caller, time, "delete", $"users/{id}", $"name={user.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return UserDeletion.Deleted;
    }

    /// <summary>Grants or revokes one role on the user, under <see cref="RoleGrants"/>' rule.</summary>
    public async Task<GrantOutcome> ChangeRoleAsync(int id, int roleId, bool grant, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var user = await db.Users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        return await RoleGrants.TryChangeAsync(user?.Roles, $"users/{id}", roleId, grant, caller, db, time, cancellationToken);
    }

    public static bool IsAdmin(ClaimsPrincipal caller) => caller.HasClaim(TaxiiClaims.Admin, "true");
}
