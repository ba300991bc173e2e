using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Taxii.Core.Feeds;
using Taxii.Feeds.Publishing;
using Taxii.Persistence;

namespace Taxii.Server.Admin.IncomingFeeds;

/// <summary>
/// Creating and changing an incoming feed: the rules behind <c>POST</c> and <c>PUT /api/v1/incoming-feeds</c> and the web
/// UI's feed form and delete page (checks in <see cref="IncomingFeedSettings"/>, names unique across incoming and outgoing feeds, the
/// audit entry, the schedule kept in step).
/// </summary>
internal sealed class IncomingFeedOperations(TaxiiDbContext db, IncomingFeedSettings settings, FeedScheduler scheduler, TimeProvider time)
{
    public async Task<IncomingFeedChange> CreateAsync(IncomingFeedRequest body, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var feed = new IncomingFeed { Name = body.Name?.Trim() ?? string.Empty, CreatedAt = now };
        var validation = await settings.ApplyAsync(feed, body, caller, now, cancellationToken);
        if (!validation.IsValid)
        {
            return new(null, validation, null);
        }

        db.IncomingFeeds.Add(feed);
        if (await IncomingFeedEndpoints.NameTakenByOutgoingAsync(db, feed.Name, cancellationToken)
            || !await AuditLog.SaveNewAsync(db, caller, time, () => $"incoming-feeds/{feed.Id}", IncomingFeedSettings.Describe(body), cancellationToken))
        {
            return new(null, null, $"A feed named '{feed.Name}' already exists.");
        }

        scheduler.Sync(feed);
        return new(await IncomingFeedEndpoints.FindAsync(db, caller, feed.Id, cancellationToken), null, null);
    }

    public async Task<IncomingFeedChange> UpdateAsync(int id, IncomingFeedRequest body, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var feed = await IncomingFeedEndpoints.Visible(db, caller).Include(f => f.Groups).SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (feed is null)
        {
            return IncomingFeedChange.NotFound;
        }

        feed.Name = body.Name?.Trim() ?? string.Empty;
        var validation = await settings.ApplyAsync(feed, body, caller, time.GetUtcNow(), cancellationToken);
        if (!validation.IsValid)
        {
            return new(null, validation, null);
        }

        if (await IncomingFeedEndpoints.NameTakenByOutgoingAsync(db, feed.Name, cancellationToken)
            || !await AuditLog.SaveChangeAsync(db, caller, time, "update", $"incoming-feeds/{id}", IncomingFeedSettings.Describe(body), cancellationToken))
        {
            return new(null, null, $"A feed named '{feed.Name}' already exists.");
        }

        scheduler.Sync(feed);
        return new(await IncomingFeedEndpoints.FindAsync(db, caller, id, cancellationToken), null, null);
    }

    /// <summary>Deletes a feed the caller sees (its runs go with it), audited, its schedule removed; false when not found.</summary>
    public async Task<bool> DeleteAsync(int id, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var feed = await IncomingFeedEndpoints.Visible(db, caller).SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (feed is null)
        {
            return false;
        }

        db.IncomingFeeds.Remove(feed);
        AuditLog.Record(db, caller, time, "delete", $"incoming-feeds/{id}", $"name={feed.Name}");
        await db.SaveChangesAsync(cancellationToken);
        scheduler.Remove(feed);
        return true;
    }
}
