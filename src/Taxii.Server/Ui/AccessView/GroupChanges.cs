using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Security;
using Taxii.Persistence;
using Taxii.Server.Admin;
using Taxii.Server.Admin.Groups;

namespace Taxii.Server.Ui.AccessView;

/// <summary>
/// A group form's roles and members as the REST API's grants, revocations, additions and removals
/// (<see cref="GroupOperations"/>, under <see cref="RoleGrants"/>' rule), one call per change, checked beforehand
/// so that a refused form changes nothing.
/// </summary>
internal sealed class GroupChanges(TaxiiDbContext db, GroupOperations operations)
{
    /// <summary>The users named, and the names that are no user.</summary>
    public async Task<(List<int> Ids, List<string> Unknown)> ResolveAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var found = await db.Users.AsNoTracking().Where(u => names.Contains(u.Name)).Select(u => new { u.Id, u.Name }).ToListAsync(cancellationToken);
        return ([.. found.Select(u => u.Id)], [.. names.Except(found.Select(u => u.Name), StringComparer.Ordinal)]);
    }

    /// <summary>The names of <paramref name="ids"/>' users, by name.</summary>
    public Task<List<(int Id, string Name)>> NamesAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.Name)
            .Select(u => new ValueTuple<int, string>(u.Id, u.Name)).ToListAsync(cancellationToken);

    /// <summary>
    /// Whether <paramref name="caller"/> may make the change: grant each added role, and, when members are added, grant
    /// each role the group will hold (joining hands them out).
    /// </summary>
    public async Task<bool> MayChangeAsync(
        ClaimsPrincipal caller, IReadOnlyCollection<int> heldRoles, IReadOnlyCollection<int> wantedRoles, bool addsMembers, CancellationToken cancellationToken)
    {
        var checkedIds = (addsMembers ? wantedRoles : wantedRoles.Except(heldRoles)).ToList();
        var roles = await db.Roles.AsNoTracking().Where(r => checkedIds.Contains(r.Id)).ToListAsync(cancellationToken);
        return roles.All(r => RoleGrants.MayGrant(caller, r));
    }

    /// <summary>Roles first (so new members join the group as it will be), then removed members, then added ones.</summary>
    public async Task<GrantOutcome> ApplyAsync(
        int groupId, GroupDto current, IReadOnlyCollection<int> wantedRoles, IReadOnlyCollection<int> wantedMembers,
        ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var steps = current.RoleIds.Except(wantedRoles).Select(r => (Kind: "revoke", Id: r))
            .Concat(wantedRoles.Except(current.RoleIds).Select(r => (Kind: "grant", Id: r)))
            .Concat(current.MemberIds.Except(wantedMembers).Select(u => (Kind: "remove", Id: u)))
            .Concat(wantedMembers.Except(current.MemberIds).Select(u => (Kind: "add", Id: u)));
        foreach (var (kind, id) in steps)
        {
            var outcome = kind switch
            {
                "revoke" => await operations.ChangeRoleAsync(groupId, id, grant: false, caller, cancellationToken),
                "grant" => await operations.ChangeRoleAsync(groupId, id, grant: true, caller, cancellationToken),
                "remove" => await operations.RemoveMemberAsync(groupId, id, caller, cancellationToken),
                _ => await operations.AddMemberAsync(groupId, id, caller, cancellationToken),
            };
            if (outcome != GrantOutcome.Done)
            {
                return outcome;
            }
        }

        return GrantOutcome.Done;
    }

    /// <summary>Every group with its roles, by name: the user form's choices.</summary>
    public Task<List<Group>> AllAsync(CancellationToken cancellationToken) =>
        db.Groups.AsNoTracking().Include(g => g.Roles).OrderBy(g => g.Name).ThenBy(g => g.Id).ToListAsync(cancellationToken);

    /// <summary>Whether <paramref name="caller"/> may add a user to each of <paramref name="groupIds"/> (grant each of their roles).</summary>
    public async Task<bool> MayJoinAllAsync(ClaimsPrincipal caller, IEnumerable<int> groupIds, CancellationToken cancellationToken)
    {
        var ids = groupIds.ToList();
        var roles = await db.Groups.AsNoTracking().Where(g => ids.Contains(g.Id)).SelectMany(g => g.Roles).ToListAsync(cancellationToken);
        return roles.All(r => RoleGrants.MayGrant(caller, r));
    }

    /// <summary>Removes the user from the groups it leaves, then adds it to those it joins.</summary>
    public async Task<GrantOutcome> ApplyMembershipsAsync(
        int userId, IReadOnlyCollection<int> held, IReadOnlyCollection<int> wanted, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        foreach (var groupId in held.Except(wanted))
        {
            if (await operations.RemoveMemberAsync(groupId, userId, caller, cancellationToken) is var outcome and not GrantOutcome.Done)
            {
                return outcome;
            }
        }

        foreach (var groupId in wanted.Except(held))
        {
            if (await operations.AddMemberAsync(groupId, userId, caller, cancellationToken) is var outcome and not GrantOutcome.Done)
            {
                return outcome;
            }
        }

        return GrantOutcome.Done;
    }
}
