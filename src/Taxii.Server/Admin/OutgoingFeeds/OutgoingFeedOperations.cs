using System.Data;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Taxii.Core.Feeds;
using Taxii.Feeds.Publishing;
using Taxii.Persistence;
using Taxii.Server.Taxii;

namespace Taxii.Server.Admin.OutgoingFeeds;

/// <summary>
/// Reading, changing, running and deleting outgoing feeds: the rules behind both <c>/api/v1/outgoing-feeds</c> and the
/// web UI's outgoing feed pages, so that both refuse the same requests with the same messages, record the same audit
/// entries and keep the schedule in step. A user sees and changes only the feeds shared with one of its groups.
/// </summary>
internal sealed class OutgoingFeedOperations(
    TaxiiDbContext db, OutgoingFeedSettings settings, FeedScheduler scheduler, ServiceDirectory directory, FeedRunQueue queue, TimeProvider time)
{
    /// <summary>Feeds shared with one of the caller's groups; administrators see all.</summary>
    public static IQueryable<OutgoingFeed> Visible(TaxiiDbContext db, ClaimsPrincipal user) => DataAccess.VisibleOutgoingFeeds(db, user);

    public static async Task<OutgoingFeedDto?> FindAsync(TaxiiDbContext db, ClaimsPrincipal caller, int id, CancellationToken cancellationToken)
    {
        var feed = await Visible(db, caller).AsNoTracking().Include(f => f.Datasets).Include(f => f.IncomingFeeds).Include(f => f.SourceGroups).Include(f => f.Groups).AsSplitQuery()
            .SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        return feed is null ? null : OutgoingFeedDto.From(feed, (await LastRunsAsync(db, [id], cancellationToken)).GetValueOrDefault(id));
    }

    /// <summary>The newest run of each of the feeds, in two queries whatever their number.</summary>
    public static async Task<Dictionary<int, OutgoingFeedRunDto>> LastRunsAsync(TaxiiDbContext db, List<int> feedIds, CancellationToken cancellationToken)
    {
        var newest = await db.OutgoingFeedRuns.Where(r => feedIds.Contains(r.FeedId)).GroupBy(r => r.FeedId)
            .Select(g => g.Max(r => r.Id)).ToListAsync(cancellationToken);
        var runs = await db.OutgoingFeedRuns.AsNoTracking().Where(r => newest.Contains(r.Id))
            .Select(OutgoingFeedRunDto.Projection).ToListAsync(cancellationToken);
        return runs.ToDictionary(r => r.FeedId);
    }

    public async Task<OutgoingFeedChange> CreateAsync(OutgoingFeedRequest body, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var feed = new OutgoingFeed { Name = body.Name?.Trim() ?? string.Empty, CreatedAt = now };
        var validation = await settings.ApplyAsync(feed, body, caller, now, cancellationToken);
        if (!validation.IsValid)
        {
            return new OutgoingFeedChange(null, validation, null);
        }

        db.OutgoingFeeds.Add(feed);
        if (await db.IncomingFeeds.AnyAsync(f => f.Name == feed.Name, cancellationToken)
            || !await AuditLog.SaveNewAsync(db, caller, time, () => $"outgoing-feeds/{feed.Id}", OutgoingFeedSettings.Describe(body), cancellationToken))
        {
            return new OutgoingFeedChange(null, null, $"A feed named '{feed.Name}' already exists.");
        }

        scheduler.Sync(feed);
        directory.Invalidate();
        return new OutgoingFeedChange(await FindAsync(db, caller, feed.Id, cancellationToken), null, null);
    }

    public async Task<OutgoingFeedChange> UpdateAsync(int id, OutgoingFeedRequest body, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var feed = await Visible(db, caller).Include(f => f.Datasets).Include(f => f.IncomingFeeds).Include(f => f.SourceGroups).Include(f => f.Groups).AsSplitQuery()
            .SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (feed is null)
        {
            return OutgoingFeedChange.NotFound;
        }

        feed.Name = body.Name?.Trim() ?? string.Empty;
        var validation = await settings.ApplyAsync(feed, body, caller, time.GetUtcNow(), cancellationToken);
        if (!validation.IsValid)
        {
            return new OutgoingFeedChange(null, validation, null);
        }

        if (await db.IncomingFeeds.AnyAsync(f => f.Name == feed.Name, cancellationToken)
            || !await AuditLog.SaveChangeAsync(db, caller, time, "update", $"outgoing-feeds/{id}", OutgoingFeedSettings.Describe(body), cancellationToken))
        {
            return new OutgoingFeedChange(null, null, $"A feed named '{feed.Name}' already exists.");
        }

        scheduler.Sync(feed);
        directory.Invalidate();
        return new OutgoingFeedChange(await FindAsync(db, caller, id, cancellationToken), null, null);
    }

    /// <summary>
    /// Switches a feed on or off and nothing else: its schedule follows (a disabled feed has none). Unlike a full update,
    /// this keeps the feed's owner, so the rights its runs read with do not change hands. False when there is no such feed.
    /// </summary>
    public async Task<bool> SetEnabledAsync(int id, bool enabled, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var feed = await Visible(db, caller).SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (feed is null)
        {
            return false;
        }

        feed.Enabled = enabled;
        feed.UpdatedAt = time.GetUtcNow();
        AuditLog.Record(db, caller, time, "update", $"outgoing-feeds/{id}", $"enabled={enabled}");
        await db.SaveChangesAsync(cancellationToken);
        scheduler.Sync(feed);
        return true;
    }

    /// <summary>False when there is no such feed.</summary>
    public async Task<bool> DeleteAsync(int id, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var feed = await Visible(db, caller).SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (feed is null)
        {
            return false;
        }

        db.OutgoingFeeds.Remove(feed);
        AuditLog.Record(db, caller, time, "delete", $"outgoing-feeds/{id}", $"name={feed.Name}");
        await db.SaveChangesAsync(cancellationToken);
        scheduler.Remove(feed);
        return true;
    }

    /// <summary>Queues a manual run for a worker; refused for a disabled feed or one whose run is queued or running.</summary>
    public async Task<OutgoingFeedRunStart> RunAsync(int id, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var feed = await Visible(db, caller).AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (feed is null)
        {
            return OutgoingFeedRunStart.NotFound;
        }

        if (!feed.Enabled)
        {
            return new OutgoingFeedRunStart(null, $"Feed '{feed.Name}' is disabled: enable it to run it.");
        }

        var run = await queue.QueueAsync(id, FeedRunTrigger.Manual, enqueue: true, cancellationToken);
        if (run is null)
        {
            return new OutgoingFeedRunStart(null, $"Feed '{feed.Name}' already has a run queued or running.");
        }

        AuditLog.Record(db, caller, time, "run", $"outgoing-feeds/{id}/runs/{run.Id}");
        await db.SaveChangesAsync(cancellationToken);
        var dto = await db.OutgoingFeedRuns.AsNoTracking().Where(r => r.Id == run.Id).Select(OutgoingFeedRunDto.Projection).SingleAsync(cancellationToken);
        return new OutgoingFeedRunStart(dto, null);
    }

    /// <summary>The runs of a feed the caller sees (through its groups, or as administrator).</summary>
    public static IQueryable<OutgoingFeedRun> Runs(TaxiiDbContext db, ClaimsPrincipal caller, int feedId) =>
        db.OutgoingFeedRuns.AsNoTracking().Where(r => r.FeedId == feedId && Visible(db, caller).Any(f => f.Id == feedId));

    /// <summary>The newest successful run first.</summary>
    public static IQueryable<OutgoingFeedRun> Latest(IQueryable<OutgoingFeedRun> runs) =>
        runs.Where(r => r.Status == FeedRunStatus.Succeeded).OrderByDescending(r => r.Id);

    /// <summary>A run's page of history, newest first, with the cursor of the next (older) page.</summary>
    public static async Task<OutgoingFeedRunPage> RunPageAsync(TaxiiDbContext db, int feedId, long? before, int limit, CancellationToken cancellationToken)
    {
        var runs = await db.OutgoingFeedRuns.AsNoTracking().Where(r => r.FeedId == feedId && r.Id < (before ?? long.MaxValue))
            .OrderByDescending(r => r.Id).Take(limit + 1).Select(OutgoingFeedRunDto.Projection).ToListAsync(cancellationToken);
        return new OutgoingFeedRunPage(runs, Paging.TrimNewestFirst(runs, limit, r => r.Id));
    }

    /// <summary>A package of <paramref name="run"/> whose bytes are kept (HTTP download feeds); null when there is none.</summary>
    public static Task<OutgoingFeedPackageFile?> FindPackageAsync(TaxiiDbContext db, IQueryable<OutgoingFeedRun> run, int sequence, CancellationToken cancellationToken) =>
        db.OutgoingFeedPackages.AsNoTracking()
            .Where(p => p.Sequence == sequence && run.Any(r => r.Id == p.RunId) && p.Content != null)
            .Select(p => new OutgoingFeedPackageFile(p.Id, p.FileName, p.MediaType, p.Size))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>Streams the package's bytes from PostgreSQL to <paramref name="body"/>: a 100 MiB package is never held in memory.</summary>
    public static async Task CopyPackageAsync(string? connectionString, OutgoingFeedPackageFile package, Stream body, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT content FROM outgoing_feed_packages WHERE id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = package.Id });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        if (await reader.ReadAsync(cancellationToken))
        {
            await using var content = await reader.GetStreamAsync(0, cancellationToken);
            await content.CopyToAsync(body, cancellationToken);
        }
    }
}
