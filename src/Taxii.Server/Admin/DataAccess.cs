using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Collections;
using Taxii.Core.Datasets;
using Taxii.Core.Feeds;
using Taxii.Persistence;
using Taxii.Server.Taxii;

namespace Taxii.Server.Admin;

/// <summary>Data-level access: a user sees datasets, collections and feeds shared with one of its groups; administrators see all.</summary>
internal static class DataAccess
{
    public static IQueryable<Dataset> VisibleDatasets(TaxiiDbContext db, ClaimsPrincipal user)
    {
        var caller = TaxiiCaller.From(user);
        if (caller.IsAdmin)
        {
            return db.Datasets;
        }

        var userId = caller.UserId;
        return db.Datasets.Where(d => d.Access.Any(a => a.Group!.Memberships.Any(m => m.UserId == userId)));
    }

    /// <summary>Collections shared with one of the user's groups (any right); administrators see all.</summary>
    public static IQueryable<Collection> VisibleCollections(TaxiiDbContext db, ClaimsPrincipal user)
    {
        var caller = TaxiiCaller.From(user);
        if (caller.IsAdmin)
        {
            return db.Collections;
        }

        var userId = caller.UserId;
        return db.Collections.Where(c => c.Access.Any(a => a.Group!.Memberships.Any(m => m.UserId == userId)));
    }

    /// <summary>Outgoing feeds shared with one of the user's groups; administrators see all.</summary>
    public static IQueryable<OutgoingFeed> VisibleOutgoingFeeds(TaxiiDbContext db, ClaimsPrincipal user)
    {
        var caller = TaxiiCaller.From(user);
        if (caller.IsAdmin)
        {
            return db.OutgoingFeeds;
        }

        var userId = caller.UserId;
        return db.OutgoingFeeds.Where(f => f.Groups.Any(g => g.Memberships.Any(m => m.UserId == userId)));
    }

    /// <summary>Incoming feeds shared with one of the user's groups; administrators see all.</summary>
    public static IQueryable<IncomingFeed> VisibleIncomingFeeds(TaxiiDbContext db, ClaimsPrincipal user)
    {
        var caller = TaxiiCaller.From(user);
        if (caller.IsAdmin)
        {
            return db.IncomingFeeds;
        }

        var userId = caller.UserId;
        return db.IncomingFeeds.Where(f => f.Groups.Any(g => g.Memberships.Any(m => m.UserId == userId)));
    }

    /// <summary>
    /// Checks the authorised groups a caller gives a resource: they must exist, and someone other than an administrator
    /// may only share with its own groups, at least one (else it would lock itself out of what it made).
    /// </summary>
    public static async Task CheckGroupsAsync(Validation validation, TaxiiDbContext db, ClaimsPrincipal user, IReadOnlyList<int> groupIds, CancellationToken cancellationToken)
    {
        var existing = await db.Groups.Where(g => groupIds.Contains(g.Id)).Select(g => g.Id).ToListAsync(cancellationToken);
        foreach (var missing in groupIds.Except(existing))
        {
            validation.Add("groupIds", $"group {missing} does not exist");
        }

        var caller = TaxiiCaller.From(user);
        if (caller.IsAdmin)
        {
            return;
        }

        var mine = await db.GroupMemberships.Where(m => m.UserId == caller.UserId).Select(m => m.GroupId).ToListAsync(cancellationToken);
        validation.Check(groupIds.Count > 0, "groupIds", "give at least one of your groups, or you could not see it yourself");
        foreach (var foreign in existing.Except(mine))
        {
            validation.Add("groupIds", $"you are not a member of group {foreign}");
        }
    }
}
