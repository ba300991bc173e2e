using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;

namespace Taxii.Server.Admin.Groups;

/// <summary>
/// Creating, changing and deleting groups, their members and roles: the rules behind both <c>/api/v1/groups</c> and
/// the web UI's groups pages, so both refuse the same requests (joining a group hands out its roles, so adding a
/// member needs the same right as granting each of them, see <see cref="RoleGrants"/>) with the same messages and
/// audit entries.
/// </summary>
internal sealed class GroupOperations(TaxiiDbContext db, TimeProvider time)
{
    public static Task<GroupDto?> FindAsync(TaxiiDbContext db, int id, CancellationToken cancellationToken) =>
        db.Groups.AsNoTracking().Where(g => g.Id == id).Select(GroupDto.Projection).SingleOrDefaultAsync(cancellationToken);

    public async Task<AccessChange<GroupDto>> CreateAsync(GroupRequest body, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var validation = Validate(body);
        if (!validation.IsValid)
        {
            return AccessChange<GroupDto>.Failed(validation);
        }

        var group = new Group { Name = body.Name.Trim(), Description = body.Description, CreatedAt = time.GetUtcNow() };
        db.Groups.Add(group);
        return await AuditLog.SaveNewAsync(db, caller, time, () => $"groups/{group.Id}", $"name={group.Name}", cancellationToken)
            ? AccessChange<GroupDto>.Done(await FindAsync(db, group.Id, cancellationToken))
            : AccessChange<GroupDto>.Conflicting(ConflictMessage(group.Name));
    }

    public async Task<AccessChange<GroupDto>> UpdateAsync(int id, GroupRequest body, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var group = await db.Groups.SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null)
        {
            return AccessChange<GroupDto>.NotFound;
        }

        var validation = Validate(body);
        if (!validation.IsValid)
        {
            return AccessChange<GroupDto>.Failed(validation);
        }

        group.Name = body.Name.Trim();
        group.Description = body.Description;
        return await AuditLog.SaveChangeAsync(db, caller, time, "update", $"groups/{id}", $"name={group.Name}", cancellationToken)
            ? AccessChange<GroupDto>.Done(await FindAsync(db, id, cancellationToken))
            : AccessChange<GroupDto>.Conflicting(ConflictMessage(group.Name));
    }

    /// <summary>Deletes the group (its memberships and role grants go with it); false when there is none.</summary>
    public async Task<bool> DeleteAsync(int id, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var group = await db.Groups.SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null)
        {
            return false;
        }

        db.Groups.Remove(group);
        AuditLog.Record(db, caller, time, "delete", $"groups/{id}", $"name={group.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Adds a member; refused when the group holds a role the caller may not grant (joining hands it out).</summary>
    public async Task<GrantOutcome> AddMemberAsync(int id, int userId, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var group = await db.Groups.Include(g => g.Roles).SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (group is null || user is null)
        {
            return GrantOutcome.NotFound;
        }

        // joining a group hands out its roles: the same rule as granting them
        if (group.Roles.Any(r => !RoleGrants.MayGrant(caller, r)))
        {
            return GrantOutcome.Forbidden;
        }

        if (!await db.GroupMemberships.AnyAsync(m => m.GroupId == id && m.UserId == userId, cancellationToken))
        {
            db.GroupMemberships.Add(new GroupMembership { GroupId = id, UserId = userId });
            AuditLog.Record(db, caller, time, "add", $"groups/{id}/members/{userId}", $"user={user.Name}");
            await db.SaveChangesAsync(cancellationToken);
        }

        return GrantOutcome.Done;
    }

    /// <summary>Removes a member: <see cref="GrantOutcome.NotFound"/> when the user is no member.</summary>
    public async Task<GrantOutcome> RemoveMemberAsync(int id, int userId, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var membership = await db.GroupMemberships.Include(m => m.User).SingleOrDefaultAsync(m => m.GroupId == id && m.UserId == userId, cancellationToken);
        if (membership is null)
        {
            return GrantOutcome.NotFound;
        }

        db.GroupMemberships.Remove(membership);
        AuditLog.Record(db, caller, time, "remove", $"groups/{id}/members/{userId}", $"user={membership.User!.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return GrantOutcome.Done;
    }

    /// <summary>Grants or revokes one role on the group, under <see cref="RoleGrants"/>' rule.</summary>
    public async Task<GrantOutcome> ChangeRoleAsync(int id, int roleId, bool grant, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var group = await db.Groups.Include(g => g.Roles).SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        return await RoleGrants.TryChangeAsync(group?.Roles, $"groups/{id}", roleId, grant, caller, db, time, cancellationToken);
    }

    private static Validation Validate(GroupRequest body) =>
        new Validation().Require("name", body.Name, 200).MaxLength("description", body.Description, 4000);

    private static string ConflictMessage(string name) => $"A group named '{name}' already exists.";
}
