using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;

namespace Taxii.Server.Admin.Roles;

/// <summary>
/// Creating, changing and deleting roles: the rules behind both <c>/api/v1/roles</c> and the web UI's roles pages, so
/// both refuse the same requests (only known permissions; no one makes a role hold a permission they lack, see
/// <see cref="RoleGrants"/>) with the same messages and audit entries.
/// </summary>
internal sealed class RoleOperations(TaxiiDbContext db, TimeProvider time)
{
    public static Task<RoleDto?> FindAsync(TaxiiDbContext db, int id, CancellationToken cancellationToken) =>
        db.Roles.AsNoTracking().Where(r => r.Id == id).Select(RoleDto.Projection).SingleOrDefaultAsync(cancellationToken);

    public async Task<AccessChange<RoleDto>> CreateAsync(RoleRequest body, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var validation = Validate(body);
        if (!validation.IsValid)
        {
            return AccessChange<RoleDto>.Failed(validation);
        }

        var role = new Role { Name = body.Name.Trim(), Description = body.Description, Permissions = [.. (body.Permissions ?? []).Distinct()] };
        if (!RoleGrants.MayGrant(caller, role))
        {
            return AccessChange<RoleDto>.Refused(RoleGrants.ForbiddenMessage);
        }

        db.Roles.Add(role);
        return await AuditLog.SaveNewAsync(db, caller, time, () => $"roles/{role.Id}", Details(role), cancellationToken)
            ? AccessChange<RoleDto>.Done(Dto(role))
            : AccessChange<RoleDto>.Conflicting(ConflictMessage(role.Name));
    }

    public async Task<AccessChange<RoleDto>> UpdateAsync(int id, RoleRequest body, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (role is null)
        {
            return AccessChange<RoleDto>.NotFound;
        }

        var validation = Validate(body);
        if (!validation.IsValid)
        {
            return AccessChange<RoleDto>.Failed(validation);
        }

        role.Name = body.Name.Trim();
        role.Description = body.Description;
        role.Permissions = [.. (body.Permissions ?? []).Distinct()];
        if (!RoleGrants.MayGrant(caller, role))
        {
            return AccessChange<RoleDto>.Refused(RoleGrants.ForbiddenMessage);
        }

        return await AuditLog.SaveChangeAsync(db, caller, time, "update", $"roles/{id}", Details(role), cancellationToken)
            ? AccessChange<RoleDto>.Done(Dto(role))
            : AccessChange<RoleDto>.Conflicting(ConflictMessage(role.Name));
    }

    /// <summary>Deletes the role (its grants to users and groups go with it); false when there is none.</summary>
    public async Task<bool> DeleteAsync(int id, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (role is null)
        {
            return false;
        }

        db.Roles.Remove(role);
        AuditLog.Record(db, caller, time, "delete", $"roles/{id}", $"name={role.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
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

    private static RoleDto Dto(Role role) => new(role.Id, role.Name, role.Description, role.Permissions);

    private static string Details(Role role) => $"name={role.Name}; permissions={string.Join(", ", role.Permissions)}";

    private static string ConflictMessage(string name) => $"A role named '{name}' already exists.";
}
